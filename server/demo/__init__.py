"""Demo data: LA departments, their sites and checklists, and one user per role."""
