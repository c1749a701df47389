# The web dashboard: the admin's pages.

web-admin-nav-label = Administration pages
web-admin-yes = yes
web-admin-no = no
web-admin-language-en = English
web-admin-language-el = Greek
web-admin-language-pl = Polish
web-admin-linked-of = { $linked } of { $active } active people are linked to a chat account.

## Overview
web-admin-overview-title = Administration
web-admin-overview-figures = At a glance
web-admin-overview-people = People
web-admin-overview-narrative-label = Customer narrative
web-admin-overview-version = Version { $version } in force
web-admin-overview-no-narrative = None published yet
web-admin-overview-outbox = Messages to send
web-admin-overview-outbox-waiting = { $count ->
    [one] { $count } message waiting
   *[other] { $count } messages waiting
}
web-admin-overview-pages = Pages
web-admin-overview-org = upload the org chart and see who is linked to a chat account.
web-admin-overview-narrative = edit the customer narrative in each language, preview it and publish a new version.
web-admin-overview-questions = the question bank, built-in and custom questions.
web-admin-overview-settings = the schedules and the minimum group size in force.
web-admin-overview-platforms = the chat platforms the bot is installed in and what waits to be sent.
web-admin-export-title = Export the figures
web-admin-export-lead = Every team's figures per round, as ambassador export writes them: groups smaller than the minimum group size appear without numbers. Leave the dates empty for every round.
web-admin-export-from = Rounds opened from (optional)
web-admin-export-to = Rounds opened before (optional)
web-admin-export-button = Download CSV
web-admin-export-bad-date = Nothing was exported: a date must be written as year-month-day, for example 2026-03-01.

## Org chart and people
web-admin-org-title = Organisation
web-admin-import-title = Upload the org chart
web-admin-import-lead = A CSV file with one person per line. The first line must name the columns (active is optional):
web-admin-import-file = Org chart file (CSV)
web-admin-import-button = Check and import
web-admin-import-done = Imported { $people } people ({ $created } new, { $updated } updated) in { $departments } departments.
web-admin-import-failed = Nothing was imported: { $count ->
    [one] the file has one problem. Fix it and upload the file again.
   *[other] the file has { $count } problems. Fix them and upload the file again.
}
web-admin-import-not-utf8 = The file is not UTF-8 text. In a spreadsheet, save it as "CSV UTF-8".
web-admin-import-unreadable = The upload could not be read. Choose the file again and press "Check and import".
web-admin-import-too-large = The file is larger than { $megabytes } MB.
web-admin-people-title = People
web-admin-people-search = Search by name or email
web-admin-people-unlinked-only = Only people not linked to a chat account
web-admin-people-filter = Show
web-admin-people-clear = Show everyone
web-admin-people-matching = { $count ->
    [one] One person matches.
   *[other] { $count } people match.
}
web-admin-people-caption = People, page { $page } of { $pages }
web-admin-people-name = Name
web-admin-people-email = Email
web-admin-people-department = Department
web-admin-people-manager = Manager
web-admin-people-language = Language
web-admin-people-admin = Admin
web-admin-people-active = Active
web-admin-people-chat = Chat account
web-admin-people-linked = linked
web-admin-people-not-linked = not linked
web-admin-people-none = Nobody matches.
web-admin-pages-label = Pages of the people table
web-admin-page-previous = Previous page
web-admin-page-next = Next page
web-admin-page-of = Page { $page } of { $pages }

## Narrative
web-admin-narrative-title = Customer narrative
web-admin-narrative-languages = Languages
web-admin-narrative-version = Version { $version }, published on { $date }.
web-admin-narrative-acks = { $count } of { $active } active people have acknowledged it.
web-admin-narrative-none = No narrative has been published yet.
web-admin-narrative-no-text = There is no { $language } text yet: people who read { $language } see the English one.
web-admin-narrative-edit-title = The text in { $language }
web-admin-narrative-text = Narrative in { $language }
web-admin-narrative-help = Start with "# " and the title, then the promise on the next lines. Each "## " line starts a section with its text below it; "- #value: what it means" lines list the values. Publishing makes a new version for this language and keeps the other languages as they are.
web-admin-narrative-preview = Preview
web-admin-narrative-publish = Publish as a new version
web-admin-narrative-preview-title = Preview
web-admin-narrative-preview-note = This is how people will see it in chat. Nothing has been saved yet.
web-admin-narrative-published = Published version { $version } in { $language }. Everyone will be asked to read it again.
web-admin-narrative-not-saved = Nothing was saved:
web-admin-narrative-empty = The text is empty. Write the narrative: a "# " title line, then the promise.

## Questions
web-admin-questions-title = Questions
web-admin-questions-summary = The bank holds { $count } questions: { $builtin } built in and { $custom } of your own. Each pulse round asks { $per_round } of them.
web-admin-questions-bank = The question bank by driver
web-admin-questions-id = Id
web-admin-questions-text = Question
web-admin-questions-other-languages = Other languages
web-admin-questions-scale = Scale
web-admin-questions-origin = Origin
web-admin-questions-builtin = built in
web-admin-questions-reworded = built in, reworded in the configuration
web-admin-questions-custom = your own
web-admin-questions-falls-back = none: the English text is shown
web-admin-scale-agreement = 1 to 5, disagree to agree
web-admin-scale-zero-to-ten = 0 to 10, how likely
web-admin-questions-adding = Adding a question
web-admin-questions-adding-how = Questions of your own are added to the configuration file as a [[pulse.custom_questions]] entry, like the one below, and take effect when the server restarts. English text is required; Greek and Polish fall back to it. A question with a built-in id replaces that question's text and keeps its history.
web-admin-questions-read-only = This page shows the bank in force; it changes only through the configuration.

## Settings
web-admin-settings-title = Settings
web-admin-settings-zone = The organisation's time zone is { $timezone } and its language is { $language }. Times below are on its clock.
web-admin-settings-schedules = Schedules
web-admin-settings-what = What
web-admin-settings-expression = Schedule (seconds, minutes, hours, day, month, weekday)
web-admin-settings-next = Next time
web-admin-settings-never = never
web-admin-settings-pulse = Pulse rounds
web-admin-settings-pulse-about = Sent at this local time in each person's own time zone.
web-admin-settings-digest = Managers' weekly digest
web-admin-settings-digest-about = Sent at this local time in each manager's own time zone.
web-admin-settings-moment = Narrative moments
web-admin-settings-moment-about = Posted to #{ $channel } at this time in the organisation's time zone.
web-admin-settings-rounds = Pulse rounds
web-admin-settings-window = Answers accepted for
web-admin-settings-reminder = Reminder sent after
web-admin-settings-per-round = Questions per round
web-admin-settings-hours = { $hours ->
    [one] { $hours } hour
   *[other] { $hours } hours
}
web-admin-settings-k-title = Minimum group size (k)
web-admin-settings-k = k = { $k }
web-admin-settings-k-about = A group's results are shown only when at least { $k } people answered. A smaller group is folded into the group above it or left out, so nobody's answers can be picked out of a report, a digest or an export.
web-admin-settings-how-to-change = These values come from the configuration file ([pulse] and [narrative]) and change when the server restarts.

## Platforms
web-admin-platforms-title = Platforms
web-admin-platforms-connections = Connections
web-admin-platforms-connections-lead = The workspaces, tenants and servers the bot is installed in, per chat platform.
web-admin-platforms-platform = Platform
web-admin-platforms-org = Name
web-admin-platforms-org-id = Platform id
web-admin-platforms-zone = Time zone and language
web-admin-platforms-served = Served by this server
web-admin-platforms-no-orgs = not installed anywhere yet
web-admin-platforms-backlog = Waiting in the relay
web-admin-platforms-backlog-lead = Messages waiting to be sent (outbox) and requests from people waiting to be processed (inbox), and those given up on in the last { $days } days.
web-admin-platforms-outbox-waiting = Messages waiting
web-admin-platforms-oldest = Oldest waiting for
web-admin-platforms-outbox-failed = Messages given up on
web-admin-platforms-inbox-waiting = Requests waiting
web-admin-platforms-inbox-failed = Requests that failed
web-admin-age-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
web-admin-age-hours = { $count ->
    [one] { $count } hour
   *[other] { $count } hours
}
web-admin-age-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
