"""Tests of leaguekit/staff/."""
