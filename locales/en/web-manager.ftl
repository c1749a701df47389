# The web dashboard: the manager's pages.

## The list of teams
web-team-list-title = My teams
web-team-list-intro = Open a team to see its last year of rounds, its drivers, the drops flagged in it, and the kudos its people received. Figures are shown only where at least { $k } people answered.
web-team-list-caption = Your teams in the latest round ({ $round })
web-team-list-caption-no-rounds = Your teams (no round has closed yet)
web-team-list-team = Team
web-team-list-not-manager = Team results are for people who lead a team, and for admins. Your own page shows the customer narrative, your pulse and your kudos.
web-team-list-own-page = Go to my page

## One team
web-team-back = ← All my teams
web-team-intro = The last { $count } rounds. A figure is shown only where at least { $k } people answered; the other rounds say why they are hidden.
web-team-no-rounds = No round has closed yet.
web-team-score-title = Engagement score
web-team-chart-summary = { $series } over the last { $count } rounds: { $latest } in { $round }, lowest { $low }, highest { $high }; { $hidden ->
        [one] 1 round hidden.
       *[other] { $hidden } rounds hidden.
    }
web-team-chart-empty = { $series } over the last { $count } rounds: no round can be shown.
web-team-chart-hidden-note = Grey columns are rounds where fewer than { $k } people answered: the team's figures are hidden there, so the line breaks.
web-team-drivers-title = Drivers by round
web-team-drivers-none = No driver can be shown yet: fewer than { $k } people answered in every round.
web-team-heat-intro = Each cell is the driver's average on a scale of 1 to 5, written in the cell; the colour goes from red (low) to green (high). Scroll sideways for older rounds.
web-team-heat-legend = Legend
web-team-heat-not-asked = not asked that round
web-team-heat-hidden = hidden: fewer than { $k } answered
web-team-heat-caption = Each driver's average (1 to 5) in each of the last { $count } rounds, newest first
web-team-driver = Driver
web-team-participation-title = Response rate and eNPS
web-team-enps = eNPS
web-team-enps-note = eNPS runs from -100 to +100: the share of people who would recommend working here minus the share who would not.
web-team-enps-none = eNPS was not asked in these rounds, or fewer than { $k } people answered it.
web-team-rounds-title = Round by round
web-team-rounds-caption = The last { $count } rounds, newest first
web-team-round = Round
web-team-opened = Opened
web-team-answered = Answered
web-team-rolled-up = Hidden: fewer than { $k } answered, so their answers count in { $parent }.
web-team-rolled-up-nowhere = Hidden: fewer than { $k } answered.
web-team-suppressed = Hidden, so that a smaller group's answers cannot be worked out from it.
web-team-not-asked = Nobody in the team was asked this round.

## Drops
web-team-drops-title = Drops flagged
web-team-drops-none = No drop was flagged in this team in the last year.
web-team-drop-line = Fell from { $baseline } to { $flagged } since { $since }.
web-team-drop-recovered = Now { $now }: recovered.
web-team-drop-not-recovered = Now { $now }: not recovered yet.
web-team-drop-now-hidden = Where it is now cannot be shown in the latest round.
web-team-drop-plan = Action planned:
web-team-drop-no-plan = none yet
web-team-drop-write = What will you do about it?
web-team-drop-edit = Change the plan
web-team-drop-hint = A sentence or two, up to { $max } characters. Your digests show it next to how the figure develops.
web-team-drop-save = Save the plan
web-team-drop-saved = Saved. Your digests will show this plan next to the figure.
web-team-drop-empty = Write what you will do before saving: the plan was empty, so nothing was saved.
web-team-drop-too-long = The plan has { $actual } characters; keep it to { $max }. Nothing was saved.

## Kudos, recognition, narrative, comments
web-team-kudos-title = Kudos received
web-team-kudos-window = { $count ->
        [0] People in this team received no kudos
        [one] People in this team received 1 kudos
       *[other] People in this team received { $count } kudos
    } in the last { $days } days (since { $since }).
web-team-kudos-more = Only the latest { $count } are listed.
web-team-kudos-caption = Kudos received in the last { $days } days (since { $since })
web-team-kudos-from = From
web-team-kudos-to = To
web-team-kudos-message = What for
web-team-kudos-values = Values
web-team-values-title = Values recognised
web-team-matrix-title = Recognition between departments
web-team-matrix-caption = Kudos between departments in the last { $days } days (since { $since })
web-team-matrix-none = No kudos went between this team and another department in the last { $days } days.
web-team-matrix-from = From department
web-team-matrix-to = To department
web-team-matrix-count = Kudos
web-team-narrative-title = Customer narrative
web-team-narrative = { $read } of { $people } people in this team have confirmed reading version { $version } of the customer narrative.
web-team-narrative-none = No customer narrative has been published yet.
web-team-comments-title = Comments
web-team-comments-note = Anonymous comments from the latest round, in which at least { $k } people in the team answered.
web-team-comments-none = No comments to show from the latest round. Comments are shown only when at least { $k } people in the team answered.
web-team-sub-teams-title = Teams within this one
