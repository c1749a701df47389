# Panel w przeglądarce: strony administratora.

web-admin-nav-label = Strony administracji
web-admin-yes = tak
web-admin-no = nie
web-admin-language-en = Angielski
web-admin-language-el = Grecki
web-admin-language-pl = Polski
web-admin-linked-of = Aktywne osoby połączone z kontem czatu: { $linked } z { $active }.

## Przegląd
web-admin-overview-title = Administracja
web-admin-overview-figures = W skrócie
web-admin-overview-people = Osoby
web-admin-overview-narrative-label = Narracja dla klientów
web-admin-overview-version = Obowiązuje wersja { $version }
web-admin-overview-no-narrative = Jeszcze nic nie opublikowano
web-admin-overview-outbox = Wiadomości do wysłania
web-admin-overview-outbox-waiting = { $count ->
    [one] { $count } wiadomość czeka
    [few] { $count } wiadomości czekają
    [many] { $count } wiadomości czeka
   *[other] { $count } wiadomości czeka
}
web-admin-overview-pages = Strony
web-admin-overview-org = prześlij schemat organizacyjny i zobacz, kto jest połączony z kontem czatu.
web-admin-overview-narrative = edytuj narrację w każdym języku, zobacz podgląd i opublikuj nową wersję.
web-admin-overview-questions = bank pytań: pytania wbudowane i własne.
web-admin-overview-settings = obowiązujące harmonogramy i minimalna wielkość grupy.
web-admin-overview-platforms = platformy czatu, na których zainstalowano bota, i to, co czeka na wysłanie.
web-admin-export-title = Eksport danych
web-admin-export-lead = Wyniki każdego zespołu w każdej rundzie, tak jak zapisuje je ambassador export: grupy mniejsze od minimalnej wielkości pojawiają się bez liczb. Zostaw daty puste, aby objąć wszystkie rundy.
web-admin-export-from = Rundy otwarte od (opcjonalnie)
web-admin-export-to = Rundy otwarte przed (opcjonalnie)
web-admin-export-button = Pobierz CSV
web-admin-export-bad-date = Nic nie wyeksportowano: datę zapisuje się jako rok-miesiąc-dzień, na przykład 2026-03-01.

## Schemat organizacyjny i osoby
web-admin-org-title = Organizacja
web-admin-import-title = Prześlij schemat organizacyjny
web-admin-import-lead = Plik CSV z jedną osobą w każdym wierszu. Pierwszy wiersz musi nazywać kolumny (active jest opcjonalna):
web-admin-import-file = Plik schematu organizacyjnego (CSV)
web-admin-import-button = Sprawdź i zaimportuj
web-admin-import-done = Zaimportowano osoby: { $people } (nowe: { $created }, zaktualizowane: { $updated }) w działach: { $departments }.
web-admin-import-failed = Nic nie zostało zaimportowane: { $count ->
    [one] w pliku jest jeden problem. Popraw go i prześlij plik ponownie.
    [few] w pliku są { $count } problemy. Popraw je i prześlij plik ponownie.
    [many] w pliku jest { $count } problemów. Popraw je i prześlij plik ponownie.
   *[other] w pliku jest { $count } problemu. Popraw je i prześlij plik ponownie.
}
web-admin-import-not-utf8 = Plik nie jest tekstem UTF-8. W arkuszu kalkulacyjnym zapisz go jako „CSV UTF-8”.
web-admin-import-unreadable = Nie udało się odczytać przesłanego pliku. Wybierz plik ponownie i naciśnij „Sprawdź i zaimportuj”.
web-admin-import-too-large = Plik jest większy niż { $megabytes } MB.
web-admin-people-title = Osoby
web-admin-people-search = Szukaj po imieniu, nazwisku lub adresie e-mail
web-admin-people-unlinked-only = Tylko osoby niepołączone z kontem czatu
web-admin-people-filter = Pokaż
web-admin-people-clear = Pokaż wszystkich
web-admin-people-matching = { $count ->
    [one] Pasuje jedna osoba.
    [few] Pasują { $count } osoby.
    [many] Pasuje { $count } osób.
   *[other] Pasuje { $count } osoby.
}
web-admin-people-caption = Osoby, strona { $page } z { $pages }
web-admin-people-name = Imię i nazwisko
web-admin-people-email = E-mail
web-admin-people-department = Dział
web-admin-people-manager = Przełożony
web-admin-people-language = Język
web-admin-people-admin = Administrator
web-admin-people-active = Aktywna
web-admin-people-chat = Konto czatu
web-admin-people-linked = połączone
web-admin-people-not-linked = niepołączone
web-admin-people-none = Nikt nie pasuje.
web-admin-pages-label = Strony tabeli osób
web-admin-page-previous = Poprzednia strona
web-admin-page-next = Następna strona
web-admin-page-of = Strona { $page } z { $pages }

## Narracja
web-admin-narrative-title = Narracja dla klientów
web-admin-narrative-languages = Języki
web-admin-narrative-version = Wersja { $version }, opublikowana { $date }.
web-admin-narrative-acks = Potwierdziło ją { $count } z { $active } aktywnych osób.
web-admin-narrative-none = Nie opublikowano jeszcze żadnej narracji.
web-admin-narrative-no-text = Nie ma jeszcze tekstu w tym języku ({ $language }): osoby, które go czytają, widzą wersję angielską.
web-admin-narrative-edit-title = Tekst – { $language }
web-admin-narrative-text = Narracja – { $language }
web-admin-narrative-help = Zacznij od „# ” i tytułu, a w następnych wierszach napisz obietnicę. Każdy wiersz „## ” rozpoczyna sekcję z tekstem poniżej; wiersze „- #wartość: co oznacza” wymieniają wartości. Publikacja tworzy nową wersję dla tego języka, a pozostałe języki zostawia bez zmian.
web-admin-narrative-preview = Podgląd
web-admin-narrative-publish = Opublikuj jako nową wersję
web-admin-narrative-preview-title = Podgląd
web-admin-narrative-preview-note = Tak zobaczą to osoby na czacie. Nic jeszcze nie zostało zapisane.
web-admin-narrative-published = Opublikowano wersję { $version } ({ $language }). Wszyscy zostaną poproszeni o ponowne przeczytanie.
web-admin-narrative-not-saved = Nic nie zostało zapisane:
web-admin-narrative-empty = Tekst jest pusty. Napisz narrację: wiersz tytułu zaczynający się od „# ”, a po nim obietnicę.

## Pytania
web-admin-questions-title = Pytania
web-admin-questions-summary = Liczba pytań w banku: { $count } (wbudowane: { $builtin }, własne: { $custom }). Każda runda zadaje { $per_round } z nich.
web-admin-questions-bank = Bank pytań według czynników
web-admin-questions-id = Identyfikator
web-admin-questions-text = Pytanie
web-admin-questions-other-languages = Inne języki
web-admin-questions-scale = Skala
web-admin-questions-origin = Pochodzenie
web-admin-questions-builtin = wbudowane
web-admin-questions-reworded = wbudowane, przeredagowane w konfiguracji
web-admin-questions-custom = własne
web-admin-questions-falls-back = brak: wyświetlany jest tekst angielski
web-admin-scale-agreement = od 1 do 5, od „nie zgadzam się” do „zgadzam się”
web-admin-scale-zero-to-ten = od 0 do 10, jak bardzo prawdopodobne
web-admin-questions-adding = Dodawanie pytania
web-admin-questions-adding-how = Własne pytania dodaje się w pliku konfiguracyjnym jako wpis [[pulse.custom_questions]], taki jak poniżej; zaczynają obowiązywać po ponownym uruchomieniu serwera. Tekst angielski jest wymagany; greckie i polskie teksty w razie braku zastępuje angielski. Pytanie z identyfikatorem pytania wbudowanego zastępuje jego tekst i zachowuje jego historię.
web-admin-questions-read-only = Ta strona pokazuje obowiązujący bank; zmienia się on tylko przez konfigurację.

## Ustawienia
web-admin-settings-title = Ustawienia
web-admin-settings-zone = Strefa czasowa organizacji to { $timezone }, a jej język to { $language }. Godziny poniżej są według jej zegara.
web-admin-settings-schedules = Harmonogramy
web-admin-settings-what = Co
web-admin-settings-expression = Harmonogram (sekundy, minuty, godziny, dzień, miesiąc, dzień tygodnia)
web-admin-settings-next = Następny raz
web-admin-settings-never = nigdy
web-admin-settings-pulse = Rundy pulse
web-admin-settings-pulse-about = Wysyłane o tej godzinie lokalnej, w strefie czasowej każdej osoby.
web-admin-settings-digest = Cotygodniowe podsumowanie dla przełożonych
web-admin-settings-digest-about = Wysyłane o tej godzinie lokalnej, w strefie czasowej każdego przełożonego.
web-admin-settings-moment = Chwile narracji
web-admin-settings-moment-about = Publikowane na #{ $channel } o tej godzinie, w strefie czasowej organizacji.
web-admin-settings-rounds = Rundy pulse
web-admin-settings-window = Czas na odpowiedzi
web-admin-settings-reminder = Przypomnienie (czas od dostarczenia)
web-admin-settings-per-round = Pytania w rundzie
web-admin-settings-hours = { $hours ->
    [one] { $hours } godzina
    [few] { $hours } godziny
    [many] { $hours } godzin
   *[other] { $hours } godziny
}
web-admin-settings-k-title = Minimalna wielkość grupy (k)
web-admin-settings-k = k = { $k }
web-admin-settings-k-about = Wyniki grupy są pokazywane tylko wtedy, gdy odpowiedziało co najmniej { $k } osób. Mniejsza grupa jest włączana do grupy nadrzędnej albo pomijana, aby niczyich odpowiedzi nie dało się wyodrębnić z raportu, podsumowania ani eksportu.
web-admin-settings-how-to-change = Te wartości pochodzą z pliku konfiguracyjnego ([pulse] i [narrative]) i zmieniają się po ponownym uruchomieniu serwera.

## Platformy
web-admin-platforms-title = Platformy
web-admin-platforms-connections = Połączenia
web-admin-platforms-connections-lead = Obszary robocze, dzierżawy i serwery, w których zainstalowano bota, według platformy czatu.
web-admin-platforms-platform = Platforma
web-admin-platforms-org = Nazwa
web-admin-platforms-org-id = Identyfikator na platformie
web-admin-platforms-zone = Strefa czasowa i język
web-admin-platforms-served = Obsługiwana przez ten serwer
web-admin-platforms-no-orgs = jeszcze nigdzie niezainstalowana
web-admin-platforms-backlog = Oczekujące w przekaźniku
web-admin-platforms-backlog-lead = Wiadomości czekające na wysłanie (skrzynka nadawcza) i prośby osób czekające na obsłużenie (skrzynka odbiorcza) oraz te, z których zrezygnowano w ciągu ostatnich { $days } dni.
web-admin-platforms-outbox-waiting = Oczekujące wiadomości
web-admin-platforms-oldest = Najstarsza czeka od
web-admin-platforms-outbox-failed = Porzucone wiadomości
web-admin-platforms-inbox-waiting = Oczekujące prośby
web-admin-platforms-inbox-failed = Nieudane prośby
web-admin-age-minutes = { $count ->
    [one] { $count } minuty
   *[other] { $count } minut
}
web-admin-age-hours = { $count ->
    [one] { $count } godziny
   *[other] { $count } godzin
}
web-admin-age-days = { $count ->
    [one] { $count } dnia
   *[other] { $count } dni
}
