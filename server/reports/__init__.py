"""Reports as liaisons, the Mayor's Office and reporters see them: priority, the queue, triage, aggregates."""
