# ambassador: English messages (the fallback for every other language).
# Variables: $name, $giver and friends are display names; never put markup in a translation,
# every piece of text is escaped for the chat platform.

## General

error-internal = Something went wrong on our side and nothing was changed. Please try again in a minute.
error-unknown-command = I don't know { $command }. Type /help to see what I can do.
error-unknown-actor = I don't know you yet, so I can't do that. Ask an admin to add you to the org chart.
error-admin-only = Only admins can do that. The admins here are: { $admins }.
error-button-expired = That button belongs to an older message and no longer does anything.

## Help

help-title = What I can do
help-intro = I help us keep our promise to customers: thank colleagues for customer-focused work, and keep our customer narrative close.
help-kudos = /kudos @name [@name …] what they did [#value …] — recognise colleagues for a customer-focused act.
help-kudos-stats = /kudos stats — what you have given and received, and how many kudos you have left today.
help-narrative = /narrative — our customer narrative: the promise we make to every customer.
help-help = /help — this list.
help-admin = /ambassador help — administration (admins only).

## Kudos

kudos-usage-title = How to give kudos
kudos-usage = Write /kudos, the people you want to thank, what they did for a customer (at least { $min } characters) and, if you like, one or more values.
kudos-usage-example = Example: /kudos @{ $handle } stayed on the call until the customer's order was back on track #customer-first
kudos-example-handle = colleague
kudos-values-list = Values: { $values }
kudos-error-no-recipients = Whom do you want to thank? Start with their names, for example: /kudos @{ $handle } …
kudos-error-self = You can't give kudos to yourself, but you can make someone else's day: who helped you this week?
kudos-error-unknown-person = I can't find { $handle } in the directory. Check the spelling, or ask an admin to add them.
kudos-error-inactive-person = { $name } is no longer active here, so they can't receive kudos.
kudos-error-message-missing = Tell them what they did: kudos needs a few words about the customer-focused act.
kudos-error-message-too-short = Please say a little more about what they did: at least { $min } characters (you wrote { $actual }).
kudos-error-unknown-value = #{ $value } isn't one of our values. Use one of: { $valid }.
kudos-error-allowance = You have thanked { $used } { $used ->
        [one] person
       *[other] people
    } today, and your daily allowance is { $allowance }. It resets at { $resets } ({ $tz }).
kudos-error-allowance-partial = You have { $remaining } kudos left today but named { $asked } people. Your allowance resets at { $resets } ({ $tz }).
kudos-sent = Kudos sent to { $names }! You can thank { $remaining } more { $remaining ->
        [one] person
       *[other] people
    } today.
kudos-dm-title = You've been recognised!
kudos-dm-body = { $giver } thanked you:
kudos-dm-footer = Pass it on: who made a customer's day for you? /kudos
kudos-channel-title = Kudos
kudos-channel-body = { $giver } recognised { $recipients }:
kudos-values-label = Values
kudos-cross-department = Across departments: { $from } → { $to }
kudos-none = none

kudos-stats-title = Your kudos
kudos-stats-given = Given
kudos-stats-received = Received
kudos-stats-count = { $count ->
        [one] { $count } kudos
       *[other] { $count } kudos
    }
kudos-stats-by-value = By value
kudos-stats-recent-given = Recently given
kudos-stats-recent-received = Recently received
kudos-stats-recent-given-line = to { $names } on { $date }: { $message }
kudos-stats-recent-received-line = from { $name } on { $date }: { $message }
kudos-stats-left-today = Left today: { $remaining } of { $allowance } (resets at { $resets } { $tz })
kudos-stats-cheer-giver = You've recognised colleagues { $count ->
        [one] once
       *[other] { $count } times
    }. Noticing good work is how a culture is built: thank you!
kudos-stats-cheer-new = You haven't given kudos yet. Who went the extra mile for a customer lately?

## Customer narrative

narrative-none = Our customer narrative hasn't been written yet. An admin can add it with /ambassador narrative set.
narrative-values-heading = Our values
narrative-version = Version { $version }, updated { $date }
narrative-fallback-language = This version isn't available in your language yet, so here it is in English.
narrative-ack-button = I've read it
narrative-acked = You confirmed that you read this version on { $date }.
narrative-ack-thanks = Thank you! You confirmed that you read version { $version } of our customer narrative.
narrative-ack-already = You already confirmed version { $version } on { $date }.
narrative-ack-outdated = That was version { $old }; the narrative has changed since. Type /narrative to read version { $current }.

welcome-title = Welcome, { $name }!
welcome-intro = I'm ambassador. Every one of us, in every team, helps keep the promise we make to our customers. Here it is:
welcome-footer = Type /help to see what I can do, or /kudos to thank a colleague for a customer-focused act.

moment-title = Narrative moment: { $heading }
moment-kudos = A value in action: { $giver } recognised { $recipients }
moment-no-kudos = Seen a colleague live this? Tell everyone with /kudos.
moment-footer = From our customer narrative, “{ $title }”. Read it all with /narrative.

## Administration

admin-help-title = Administration
admin-help-narrative-set = /ambassador narrative set [en|el|pl] — replace the customer narrative in one language. Put the text on the following lines: "# Title", then the promise, then "## Section" headings with their text, and "- #value: what it means" lines.
admin-help-import = The org chart is loaded from a CSV file with: ambassador org import org.csv
narrative-set-usage = Put the new narrative on the lines after the command: "# Title", the promise, "## Section" headings with their text, and "- #value: what it means" lines.
narrative-set-unknown-locale = I don't have a language called { $locale }. Use one of: { $supported }.
narrative-set-missing-title = The narrative needs a title: start a line with "# ".
narrative-set-missing-promise = The narrative needs the promise: write it on the lines right after the title.
narrative-set-empty-section = The section "{ $heading }" has no text under it.
narrative-set-done = Saved version { $version } of the customer narrative ({ $locale }). Everyone will be asked to read it again.
narrative-set-carried-over = The { $locales } text was carried over from the previous version; update it with /ambassador narrative set { $example }.

## Pulse surveys

help-pulse = /pulse — your pulse check: answer, change your answers or add an anonymous comment; /pulse privacy tells exactly what is stored.
pulse-title = Pulse check
pulse-intro = { $count } quick questions about how work is going. Your answers are anonymous, and you can answer or change them until { $closes }.
pulse-first-privacy = Your first pulse check: see exactly what is stored and who sees what with /pulse privacy.
pulse-question = { $number }. { $text }
pulse-scale-agreement = 1 = strongly disagree · 5 = strongly agree
pulse-scale-enps = 0 = not at all likely · 10 = extremely likely
pulse-your-answer = Your answer: { $value }
pulse-text-hint = Prefer typing? Answer all { $count } in order: /pulse answer { $example }
pulse-comment-hint = Anything else on your mind? Add an anonymous comment: /pulse comment your text
pulse-reminder-title = A gentle reminder: your pulse check is still open
pulse-saved = Saved { $value } for question { $number }. { $remaining ->
        [0] That was the last one: thank you!
        [one] One question to go.
       *[other] { $remaining } questions to go.
    }
pulse-saved-all = Thank you! All { $count } answers are saved. You can change them until { $closes }.
pulse-closed = This pulse round closed on { $closed }, so answers are no longer accepted. The next round will come to you as usual.
pulse-none = You have no open pulse check right now. The next one arrives on the usual schedule.
pulse-all-answered = You have answered everything in this round, thank you! Until { $closes } you can still change an answer with the buttons below.
pulse-answer-wrong-count = This round has { $expected } questions, so give { $expected } numbers in order (you gave { $got }). For example: /pulse answer { $example }
pulse-answer-not-a-number = "{ $word }" is not a number. Give one number per question, in order.
pulse-answer-out-of-range = Answer { $position } must be between { $min } and { $max } (you gave { $value }).
pulse-comment-empty = Write your comment after the command: /pulse comment your text
pulse-comment-saved = Your anonymous comment is saved. Managers see comments only from groups of at least { $k } people, never with a name or a time.
pulse-help = /pulse shows your open questions. /pulse answer 4 5 3 … answers them in order as text. /pulse comment … adds an anonymous comment. /pulse privacy tells what is stored and who sees what.
pulse-privacy-title = How your pulse answers stay anonymous
pulse-privacy-stored = What is stored: each answer with its round and your department, but never your name or id and never the time you answered. Separately, whether you answered at all, only to send you one reminder and to count the response rate.
pulse-privacy-open = While a round is open, a one-way code lets only you find and change your own answers. When the round closes that code is destroyed: from then on nobody, not the admins and not you, can link an answer to a person.
pulse-privacy-who = Who sees what: you see your own answers while the round is open. Managers see results for their own teams only, after the round closes, and only for groups where at least { $k } people answered; smaller teams are folded into their parent department, and figures that could be subtracted from each other to reveal a small group are hidden. Admins follow the same rules for the whole company. Comments are shown only for groups of at least { $k }, without names or times.
pulse-privacy-hidden = Which figures are hidden: when some figure must be hidden to protect a small group, the bot hides the one that costs managers least. A manager's own team comes first; a total above it (such as a whole division, which only the people above see next to the company total) is hidden instead whenever that protects the small group just as well. What can be worked out never changes: no combination of the figures anyone sees reveals a group of fewer than { $k } people.
pulse-privacy-never = Never stored: your name or id next to an answer, when you answered, or your answers from one round linked to another.
pulse-admin-started = Pulse round started: { $people } people invited, { $questions } questions. It closes on { $closes }.
pulse-admin-no-people = There is nobody active to ask yet. Import the org chart first.
pulse-admin-status = Latest round, opened { $opened }: { $delivered } of { $invited } delivered, { $responded } answered ({ $rate }%). { $state }
pulse-admin-state-open = It closes on { $closes }.
pulse-admin-state-closed = It closed on { $closes }.
pulse-admin-status-none = No pulse round has been sent yet. Start one now with /ambassador pulse start, or wait for the schedule.
admin-help-pulse = /ambassador pulse start sends a pulse round to everyone now. /ambassador pulse status shows the response rate of the latest round (never who answered what).

## Engagement digest

engagement-title = Engagement digest, { $week }
engagement-not-manager = Team results are for managers and admins. Your own answers stay yours: see /pulse privacy.
engagement-org-name = Whole organisation
engagement-team-score = Engagement
engagement-team-response = Response rate
engagement-team-enps = eNPS
engagement-change = { $change } since the last round
engagement-rising = Rising: { $drivers }
engagement-falling = Falling: { $drivers }
engagement-rolled-up = Fewer than { $k } people answered, so their answers are counted in { $parent } instead.
engagement-rolled-up-nowhere = Fewer than { $k } people answered, so no figures are shown.
engagement-suppressed = Hidden this round: showing it would let a smaller group be worked out from the other figures.
engagement-not-asked = Nobody in this team was asked in the latest round.
engagement-no-rounds = No pulse round has closed yet: figures appear once the first one closes.
engagement-team-kudos = Kudos this week
engagement-team-kudos-value = { $given } given, { $received } received
engagement-matrix-title = Recognition between departments this week
engagement-matrix-line = { $from } → { $to }: { $count }
engagement-kudos-title = Kudos your people received this week
engagement-kudos-line = { $from } → { $to }:
engagement-kudos-none = No kudos for your people this week. Recognising someone yourself is a good start: /kudos
engagement-kudos-cross = { $count ->
        [one] One of them came from another department.
       *[other] { $count } of them came from other departments.
    }
engagement-narrative = { $read } of { $people } of your people have confirmed reading the current customer narrative (version { $version }).
engagement-comments-title = Anonymous comments
engagement-chart-alt = { $count ->
        [one] Engagement of your teams in the last round
       *[other] Engagement of your teams over the last { $count } rounds
    }
engagement-chart-title = Engagement by round
help-engagement = /engagement — for managers: the latest engagement digest of your teams.
help-engagement-web = /engagement web — a private link that signs you in to the web dashboard.
driver-recognition = Recognition
driver-feedback = Feedback
driver-manager = Relationship with manager
driver-peers = Relationship with peers
driver-narrative = Customer narrative
driver-ambassadorship = Ambassadorship
driver-empowerment = Empowerment
driver-growth = Growth
driver-wellbeing = Wellbeing
driver-satisfaction = Satisfaction
driver-enps = eNPS

## Drop alerts

alert-title = Engagement alert: { $team }
alert-body = { $series } has fallen from { $baseline } to { $current } ({ $fall }) since { $since }. At least { $k } people answered each time, so this is a real change in the group, not one person.
alert-suggest-engagement = Engagement is down across the board. Ask the team in your next meeting what got harder lately, and remove one obstacle this week.
alert-suggest-recognition = Recognition fell: thank someone in the team this week for a specific customer-focused act, in public (/kudos).
alert-suggest-feedback = Feedback fell: give each person one concrete piece of feedback on their recent work this week.
alert-suggest-manager = The relationship with you as manager fell: book a short one-to-one with each person and mostly listen.
alert-suggest-peers = Relationships between peers fell: pair people from different parts of the team on a customer problem this week.
alert-suggest-narrative = Alignment with the customer narrative fell: open your next team meeting with one story of the promise kept (/narrative).
alert-suggest-ambassadorship = Ambassadorship fell: ask what would make people prouder to recommend us, and take one suggestion to the product team.
alert-suggest-empowerment = Empowerment fell: agree with the team on one decision they can make for a customer without asking you first.
alert-suggest-growth = Growth fell: ask each person what they want to learn next and find one step for it this month.
alert-suggest-wellbeing = Wellbeing fell: check the workload honestly and take one thing off the team's plate this week.
alert-suggest-satisfaction = Satisfaction fell: ask the team what one change would make the biggest difference, and make it.
alert-suggest-enps = eNPS fell: ask what would make people recommend working here, and act on the most common answer.
alert-suggest-response-rate = Fewer people are answering: remind the team that answers are anonymous (/pulse privacy) and show what changed after the last round.
alert-suggest-kudos = Kudos activity fell: recognise a customer-focused act yourself this week; people follow their manager's lead (/kudos).
alert-plan-button = Plan an action
alert-plan-prompt = What will you do about it? Reply with /engagement plan { $id } and a short sentence, for example: /engagement plan { $id } one-to-ones with everyone this week
alert-plan-saved = Noted. Your next digests will show "{ $action }" next to how { $series } develops.
alert-plan-unknown = There is no alert { $id } for the teams you lead.
alert-plan-empty = Write what you will do after the number: /engagement plan { $id } your plan
engagement-alerts-title = Drops flagged
engagement-alert-line = { $team }: { $series } fell from { $baseline } to { $current } since { $since }.
engagement-alert-action = Your action: "{ $action }". Now { $now }: { $state }.
engagement-alert-recovered = recovered
engagement-alert-not-recovered = not recovered yet
engagement-alert-no-action = No action noted yet: /engagement plan { $id } …
series-engagement = Engagement
series-response-rate = Response rate
series-kudos = Kudos received

## Org chart import (command line)

import-done = Imported { $people } people ({ $created } new, { $updated } updated) in { $departments } departments for org { $org }.
import-failed = Nothing was imported: { $count ->
        [one] the file has one problem
       *[other] the file has { $count } problems
    }. Fix { $count ->
        [one] it
       *[other] them
    } and run the import again.
import-line = line { $line }: { $problem }
import-problem-empty = the file is empty; the first line must be the header "email,name,department,manager_email,timezone,locale,admin"
import-problem-unreadable = this line is not valid CSV ({ $detail })
import-problem-missing-column = the header has no "{ $column }" column
import-problem-bad-email = "{ $email }" is not an email address
import-problem-duplicate-email = { $email } already appears on line { $first }
import-problem-duplicate-handle = the name before @ ("{ $handle }") is already used on line { $first }; it must be unique
import-problem-blank = "{ $column }" is empty
import-problem-bad-department = "{ $department }" is not a department path; use names separated by "/", such as Operations/Support
import-problem-unknown-manager = the manager { $email } is neither in this file nor in the directory
import-problem-own-manager = a person can't be their own manager
import-problem-manager-cycle = the managers above { $email } form a loop
import-problem-bad-timezone = "{ $timezone }" is not a time zone; use an IANA name such as Europe/Athens
import-problem-bad-locale = "{ $locale }" is not a language I speak; use one of: { $supported }
import-problem-bad-flag = "{ $value }" in column { $column } must be yes or no
import-problem-bad-discord-id = "{ $id }" in column discord_id is not a Discord user id (17 to 20 digits: in Discord, turn on Developer Mode, then right-click the person → Copy User ID)
import-problem-duplicate-discord-id = the Discord user id { $id } already appears on line { $first }

## Console

console-banner = ambassador console: a local chat with the bot. Type /help for bot commands and /console for console commands.
console-web-ready = The web dashboard is at { $url } while the console runs: type /engagement web for your sign-in link.
console-web-off = The web dashboard is off: { $address } is in use ({ $error }). The console works as usual.
console-help-title = Console commands
console-help = /as <handle> — speak as someone (the part of their email before @)
    /who — list the people you can speak as
    /click <id> — press a button, e.g. /click b3
    /home — your home page: narrative, open pulse, kudos and, for managers, team figures (Slack's App Home)
    /cancel — drop a form you are filling in (forms open from /kudos and the kudos and comment buttons)
    /clock — show the simulated time
    /advance <n><m|h|d|w> — move time forward and run everything that became due, e.g. /advance 3d
    /quit — leave
console-as = You are now { $name } ({ $handle }, { $department }, { $locale }, { $tz }).
console-no-actor = Choose who you are first, e.g. /as { $handle }. /who lists everyone.
console-unknown-handle = There is nobody called { $handle } here. /who lists everyone.
console-unknown-button = There is no button { $id }. Buttons are shown like [b3] after a message.
console-not-your-button = Button { $id } is in a message to { $owner }; only they can press it. Use /as { $owner } first.
console-clock = Simulated time: { $local } ({ $tz }), { $utc } UTC.
console-advance-usage = Say how far to move, e.g. /advance 30m, /advance 12h, /advance 3d, /advance 1w.
console-advanced = Moved the clock forward { $amount }. { $jobs ->
        [0] Nothing was due.
        [one] One scheduled job ran.
       *[other] { $jobs } scheduled jobs ran.
    }
console-who-line = { $handle } — { $name }, { $department }{ $role }
console-role-manager = , manager
console-role-admin = , admin
console-to-direct = to @{ $handle } (direct message)
console-to-channel = to #{ $channel }
console-reply-private = reply to { $name } (only they can see it)
console-reply-public = reply to { $name }
console-empty-org = Nobody is in the local org yet. Start with --demo for a demo organisation, or --import org.csv for your own.
weekday-mon = Monday
weekday-tue = Tuesday
weekday-wed = Wednesday
weekday-thu = Thursday
weekday-fri = Friday
weekday-sat = Saturday
weekday-sun = Sunday
console-bye = Goodbye!
console-form-title = Form: { $title }
console-form-how = Answer each field on its own line; an empty line keeps what is shown. /cancel drops the form; after the last field it is sent ({ $submit }).
console-form-people = Name people by handle, e.g. @dev @eleni.
console-form-keep = Empty line keeps: { $value }
console-form-optional = Optional: an empty line leaves it out.
console-form-cancelled = Form cancelled; nothing was sent.
console-updated = ↻ The message with [{ $id }] now shows your choice: { $label } ✓
console-home = home page of { $name }
console-multiline-hint = (Write the text on the next lines; finish with a line containing only a dot.)
console-demo-ready = Demo organisation ready: { $people } people in { $departments } departments. Try: /as { $handle }

## Pulse comments and the home page
pulse-comment-button = Add a comment
pulse-comment-how = To add an anonymous comment, write /pulse comment followed by your text.
home-title = Hi { $name }, here is your ambassador page
home-give-kudos = Give kudos
home-pulse = Your pulse check
home-teams = Your teams
home-footer = This page refreshes each time you open it. Type /help in any chat to see every command.

## Slack forms and reactions
form-kudos-title = Give kudos
form-kudos-people = Who do you want to thank?
form-kudos-message = What did they do for a customer?
form-kudos-message-hint = At least { $min } characters. Everyone in #{ $channel } will see it.
form-kudos-value = Which value did it show?
form-kudos-value-placeholder = Choose a value (optional)
form-submit = Send
form-cancel = Cancel
form-comment-title = Anonymous comment
form-comment-label = What's on your mind?
form-comment-hint = Your comment is stored without your name and shown only in groups large enough to keep you anonymous.
form-missing-kudos_people = Choose at least one person.
form-missing-kudos_message = Write what they did.
form-missing-pulse_comment = Write a comment, or press Cancel.
slack-reaction-kudos = :{ $emoji }: for this message: { $link }
slack-reaction-kudos-nolink = :{ $emoji }: for a message that made a difference to a customer
teams-app-description-short = Pulse checks, peer kudos and our customer promise, in Teams.
teams-app-description-full = Ambassador turns everyday work into customer advocacy. Answer a short pulse check with one tap (anonymous by construction), thank colleagues for customer-focused work with kudos tagged with our values, read the customer narrative every employee shares, and, as a manager, get a weekly engagement digest that never reveals a group too small to stay anonymous.
teams-command-help = What I can do, and how to ask.
teams-command-kudos = kudos @name what they did #value: thank a colleague.
teams-command-pulse = Your pulse check: answer it or change your answers.
teams-command-narrative = Our customer narrative: the promise we make.
teams-command-engagement = For managers: your teams' latest engagement digest; "web" for a dashboard sign-in link.
teams-command-ambassador = Administration (admins only): ambassador help.
teams-press-pending = Got it. I am still working on it; the answer follows as a message.

## Discord: slash command descriptions (at most 100 characters) and replies
discord-command-kudos = Thank a colleague for something they did for a customer.
discord-option-kudos-user = Who to thank.
discord-option-kudos-message = What they did (leave empty to write it in a form).
discord-option-kudos-value = The company value it shows.
discord-option-kudos-more = Someone else to thank too.
discord-command-kudos-stats = The kudos you have given and received.
discord-command-pulse = Your pulse check: answer it, change your answers, or ask how privacy works.
discord-option-pulse-text = Optional: privacy, comment <text>, answer 4 5 3, help.
discord-command-narrative = Our customer narrative: the promise we make.
discord-command-engagement = For managers: your teams' latest digest; "web" for a dashboard sign-in link.
discord-option-engagement-text = Optional: plan <alert number> <what you will do>.
discord-command-ambassador = Administration (admins only).
discord-option-ambassador-text = What to do, e.g. help, pulse start, kudos values.
discord-still-working = Got it. I am still working on it; the answer follows here.
discord-unknown-people = I can't find { $names } in the directory. Use their Discord username, or pick them with /kudos.
discord-form-too-late = That took me too long to open the form here. Please run the command again.
discord-no-guild = I answer in the servers I was added to: use me there.
