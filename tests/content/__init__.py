"""Tests of leaguekit/content/."""
