# The web dashboard: the admin's pages.
