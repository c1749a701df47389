# The web dashboard: the manager's pages.

## The list of teams
web-team-list-title = Moje zespoły
web-team-list-intro = Otwórz zespół, aby zobaczyć rundy z ostatniego roku, czynniki, zgłoszone spadki i wyróżnienia, które otrzymali jego członkowie. Wyniki są pokazywane tylko przy co najmniej { $k } odpowiedziach.
web-team-list-caption = Twoje zespoły w ostatniej rundzie ({ $round })
web-team-list-caption-no-rounds = Twoje zespoły (żadna runda jeszcze się nie zakończyła)
web-team-list-team = Zespół
web-team-list-not-manager = Wyniki zespołów są dla osób, które kierują zespołem, oraz dla administratorów. Twoja własna strona pokazuje opowieść o kliencie, Twój puls i Twoje wyróżnienia.
web-team-list-own-page = Przejdź do mojej strony

## One team
web-team-back = ← Wszystkie moje zespoły
web-team-intro = Ostatnie rundy: { $count }. Wynik jest pokazywany tylko tam, gdzie jest co najmniej { $k } odpowiedzi; przy pozostałych rundach podano, dlaczego są ukryte.
web-team-no-rounds = Żadna runda jeszcze się nie zakończyła.
web-team-score-title = Wskaźnik zaangażowania
web-team-chart-summary = { $series } w ostatnich rundach ({ $count }): { $latest } w { $round }, najniżej { $low }, najwyżej { $high }; ukryte rundy: { $hidden }.
web-team-chart-empty = { $series } w ostatnich rundach ({ $count }): żadnej rundy nie można pokazać.
web-team-chart-hidden-note = Szare kolumny to rundy, w których było mniej niż { $k } odpowiedzi: wyniki zespołu są tam ukryte, więc linia się przerywa.
web-team-drivers-title = Czynniki w kolejnych rundach
web-team-drivers-none = Żadnego czynnika nie można jeszcze pokazać: w każdej rundzie było mniej niż { $k } odpowiedzi.
web-team-heat-intro = Każda komórka to średnia czynnika w skali od 1 do 5, wpisana w komórkę; kolor zmienia się od czerwonego (nisko) do zielonego (wysoko). Przewiń w bok, aby zobaczyć starsze rundy.
web-team-heat-legend = Legenda
web-team-heat-not-asked = nie pytano w tej rundzie
web-team-heat-hidden = ukryte: mniej niż { $k } odpowiedzi
web-team-heat-caption = Średnia każdego czynnika (od 1 do 5) w każdej z ostatnich rund ({ $count }), od najnowszej
web-team-driver = Czynnik
web-team-participation-title = Odsetek odpowiedzi i eNPS
web-team-enps = eNPS
web-team-enps-note = eNPS przyjmuje wartości od -100 do +100: odsetek osób, które poleciłyby pracę tutaj, minus odsetek tych, które by jej nie poleciły.
web-team-enps-none = W tych rundach nie pytano o eNPS albo było na nie mniej niż { $k } odpowiedzi.
web-team-rounds-title = Runda po rundzie
web-team-rounds-caption = Ostatnie rundy ({ $count }), od najnowszej
web-team-round = Runda
web-team-opened = Otwarta
web-team-answered = Odpowiedzi
web-team-rolled-up = Ukryte: mniej niż { $k } odpowiedzi, więc liczą się one w grupie „{ $parent }”.
web-team-rolled-up-nowhere = Ukryte: mniej niż { $k } odpowiedzi.
web-team-suppressed = Ukryte, aby nie dało się z tego wyliczyć odpowiedzi mniejszej grupy.
web-team-not-asked = W tej rundzie nikogo z zespołu nie pytano.

## Drops
web-team-drops-title = Zgłoszone spadki
web-team-drops-none = W ostatnim roku nie zgłoszono w tym zespole żadnego spadku.
web-team-drop-line = Spadek z { $baseline } do { $flagged } od { $since }.
web-team-drop-recovered = Teraz { $now }: wynik wrócił.
web-team-drop-not-recovered = Teraz { $now }: wynik jeszcze nie wrócił.
web-team-drop-now-hidden = Obecnego poziomu nie można pokazać w ostatniej rundzie.
web-team-drop-plan = Zaplanowane działanie:
web-team-drop-no-plan = jeszcze brak
web-team-drop-write = Co zamierzasz z tym zrobić?
web-team-drop-edit = Zmień plan
web-team-drop-hint = Jedno lub dwa zdania, najwyżej { $max } znaków. Twoje podsumowania pokazują je obok zmian wyniku.
web-team-drop-save = Zapisz plan
web-team-drop-saved = Zapisano. Twoje podsumowania będą pokazywać ten plan obok wyniku.
web-team-drop-empty = Przed zapisaniem napisz, co zamierzasz zrobić: plan był pusty, więc nic nie zostało zapisane.
web-team-drop-too-long = Plan ma { $actual } znaków; skróć go do { $max }. Nic nie zostało zapisane.

## Kudos, recognition, narrative, comments
web-team-kudos-title = Otrzymane wyróżnienia
web-team-kudos-window = Liczba wyróżnień otrzymanych przez członków zespołu w ostatnich { $days } dniach (od { $since }): { $count }.
web-team-kudos-more = Pokazano tylko najnowsze: { $count }.
web-team-kudos-caption = Wyróżnienia otrzymane w ostatnich { $days } dniach (od { $since })
web-team-kudos-from = Od
web-team-kudos-to = Dla
web-team-kudos-message = Za co
web-team-kudos-values = Wartości
web-team-values-title = Docenione wartości
web-team-matrix-title = Uznanie między działami
web-team-matrix-caption = Wyróżnienia między działami w ostatnich { $days } dniach (od { $since })
web-team-matrix-none = W ostatnich { $days } dniach żadne wyróżnienie nie przeszło między tym zespołem a innym działem.
web-team-matrix-from = Z działu
web-team-matrix-to = Do działu
web-team-matrix-count = Wyróżnienia
web-team-narrative-title = Opowieść o kliencie
web-team-narrative = Przeczytanie wersji { $version } opowieści o kliencie potwierdziło { $read } z { $people } osób w tym zespole.
web-team-narrative-none = Nie opublikowano jeszcze opowieści o kliencie.
web-team-comments-title = Komentarze
web-team-comments-note = Anonimowe komentarze z ostatniej rundy, w której zespół udzielił co najmniej { $k } odpowiedzi.
web-team-comments-none = Brak komentarzy do pokazania z ostatniej rundy. Komentarze są pokazywane tylko wtedy, gdy zespół udzielił co najmniej { $k } odpowiedzi.
web-team-sub-teams-title = Zespoły w ramach tego zespołu
