"""Tests of leaguekit/output/."""
