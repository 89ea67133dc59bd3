"""Tests of leaguekit/generate/."""
