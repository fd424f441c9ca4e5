"""Understanding articles: entities, TIMEX3 times, numbers and key facts. No Textual here."""
