# The web dashboard: the manager's pages.
