"""Analyses of one article that checks share: numbers, citations, facts, evidence, disclaimers."""
