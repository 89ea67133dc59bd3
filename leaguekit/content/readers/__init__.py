"""One reader per content kind: `orgs` (data/: settings, the org tree, vocabularies, holidays),
`venues`, `brands`, `activities` and `figures`. Each validates its files against the schema and,
given the `crosscheck.Index` of everything read, checks what they refer to."""
