# ambassador: komunikaty po polsku (brakujące teksty są pokazywane po angielsku).
# Zmienne: $name, $giver i podobne to wyświetlane nazwy osób; nigdy nie dodawaj znaczników do tłumaczenia,
# każdy fragment tekstu jest escapowany na potrzeby platformy czatu.

## Ogólne

error-internal = Coś poszło nie tak po naszej stronie i nic nie zostało zmienione. Spróbuj ponownie za minutę.
error-unknown-command = Nie znam polecenia { $command }. Wpisz /help, aby zobaczyć, co potrafię.
error-unknown-actor = Jeszcze Cię nie znam, więc nie mogę tego zrobić. Poproś administratora o dodanie Cię do schematu organizacyjnego.
error-admin-only = Tylko administratorzy mogą to zrobić. Administratorzy tutaj to: { $admins }.
error-button-expired = Ten przycisk należy do starszej wiadomości i już nic nie robi.

## Pomoc

help-title = Co potrafię
help-intro = Pomagam nam dotrzymywać obietnicy składanej klientom: dziękować współpracownikom za pracę z myślą o kliencie i mieć zawsze pod ręką naszą opowieść o kliencie.
help-kudos = /kudos @nazwa [@nazwa …] za co dziękujesz [#wartość …] — wyróżnij współpracowników za działanie z myślą o kliencie.
help-kudos-stats = /kudos stats — wyróżnienia przyznane i otrzymane oraz to, ile wyróżnień możesz jeszcze dziś przyznać.
help-narrative = /narrative — nasza opowieść o kliencie: obietnica, którą składamy każdemu klientowi.
help-help = /help — ta lista.
help-admin = /ambassador help — administracja (tylko dla administratorów).

## Wyróżnienia (kudos)

kudos-usage-title = Jak przyznać wyróżnienie
kudos-usage = Wpisz /kudos, osoby, którym chcesz podziękować, co zrobiły dla klienta (co najmniej { $min } { $min ->
        [one] znak
        [few] znaki
        [many] znaków
       *[other] znaku
    }) i, jeśli chcesz, jedną lub więcej wartości.
kudos-usage-example = Przykład: /kudos @{ $handle } dziękuję za wytrwałość na rozmowie, dopóki zamówienie klienta nie wróciło na właściwe tory #customer-first
kudos-example-handle = kolega
kudos-values-list = Wartości: { $values }
kudos-error-no-recipients = Komu chcesz podziękować? Zacznij od ich nazw, na przykład: /kudos @{ $handle } …
kudos-error-self = Nie możesz przyznać wyróżnienia sobie, ale możesz umilić dzień komuś innemu: kto pomógł Ci w tym tygodniu?
kudos-error-unknown-person = Nie mogę znaleźć { $handle } w katalogu. Sprawdź pisownię albo poproś administratora o dodanie tej osoby.
kudos-error-inactive-person = Osoba { $name } nie jest już tutaj aktywna, więc nie może otrzymywać wyróżnień.
kudos-error-message-missing = Napisz, za co dziękujesz: wyróżnienie wymaga kilku słów o działaniu z myślą o kliencie.
kudos-error-message-too-short = Napisz trochę więcej o tym, za co dziękujesz: co najmniej { $min } { $min ->
        [one] znak
        [few] znaki
        [many] znaków
       *[other] znaku
    } (obecnie: { $actual }).
kudos-error-unknown-value = #{ $value } nie jest jedną z naszych wartości. Użyj jednej z: { $valid }.
kudos-error-allowance = Dziś { $used ->
        [one] { $used } osoba otrzymała
        [few] { $used } osoby otrzymały
        [many] { $used } osób otrzymało
       *[other] { $used } osoby otrzymało
    } już od Ciebie wyróżnienie, a Twój dzienny limit to { $allowance }. Limit odnowi się o { $resets } ({ $tz }).
kudos-error-allowance-partial = Możesz dziś wyróżnić jeszcze { $remaining } { $remaining ->
        [one] osobę
        [few] osoby
        [many] osób
       *[other] osoby
    }, ale w poleceniu wskazano { $asked } { $asked ->
        [one] osobę
        [few] osoby
        [many] osób
       *[other] osoby
    }. Twój limit odnowi się o { $resets } ({ $tz }).
kudos-sent = Wyróżnienie trafiło do: { $names }! Dziś możesz wyróżnić jeszcze { $remaining } { $remaining ->
        [one] osobę
        [few] osoby
        [many] osób
       *[other] osoby
    }.
kudos-dm-title = Ktoś docenił Twoją pracę!
kudos-dm-body = { $giver } dziękuje Ci:
kudos-dm-footer = Podaj dalej: dzięki komu klient miał ostatnio dobry dzień? /kudos
kudos-channel-title = Wyróżnienia
kudos-channel-body = { $giver } wyróżnia: { $recipients }
kudos-values-label = Wartości
kudos-cross-department = Między działami: { $from } → { $to }
kudos-none = brak

kudos-stats-title = Twoje wyróżnienia
kudos-stats-given = Przyznane
kudos-stats-received = Otrzymane
kudos-stats-count = { $count ->
        [one] { $count } wyróżnienie
        [few] { $count } wyróżnienia
        [many] { $count } wyróżnień
       *[other] { $count } wyróżnienia
    }
kudos-stats-by-value = Według wartości
kudos-stats-recent-given = Ostatnio przyznane
kudos-stats-recent-received = Ostatnio otrzymane
kudos-stats-recent-given-line = dla { $names }, { $date }: { $message }
kudos-stats-recent-received-line = od { $name }, { $date }: { $message }
kudos-stats-left-today = Pozostało na dziś: { $remaining } z { $allowance } (odnowienie o { $resets } { $tz })
kudos-stats-cheer-giver = Współpracownicy otrzymali już od Ciebie { $count ->
        [one] jedno wyróżnienie
        [few] { $count } wyróżnienia
        [many] { $count } wyróżnień
       *[other] { $count } wyróżnienia
    }. Dostrzeganie dobrej pracy buduje naszą kulturę — dziękujemy!
kudos-stats-cheer-new = Nie masz jeszcze żadnych przyznanych wyróżnień. Kto ostatnio zrobił coś więcej dla klienta?

## Opowieść o kliencie

narrative-none = Nasza opowieść o kliencie nie została jeszcze spisana. Administrator może ją dodać poleceniem /ambassador narrative set.
narrative-values-heading = Nasze wartości
narrative-version = Wersja { $version }, zaktualizowano { $date }
narrative-fallback-language = Ta wersja nie jest jeszcze dostępna w Twoim języku, więc pokazujemy ją po angielsku.
narrative-ack-button = Przeczytane
narrative-acked = Przeczytanie tej wersji potwierdzono: { $date }.
narrative-ack-thanks = Dziękujemy! Przeczytanie wersji { $version } naszej opowieści o kliencie zostało potwierdzone.
narrative-ack-already = Przeczytanie wersji { $version } potwierdzono już wcześniej: { $date }.
narrative-ack-outdated = To była wersja { $old }; od tego czasu opowieść się zmieniła. Wpisz /narrative, aby przeczytać wersję { $current }.

welcome-title = Witaj, { $name }!
welcome-intro = Jestem ambassador. Każdy z nas, w każdym zespole, pomaga dotrzymać obietnicy, którą składamy naszym klientom. Oto ona:
welcome-footer = Wpisz /help, aby zobaczyć, co potrafię, albo /kudos, aby podziękować komuś z zespołu za działanie z myślą o kliencie.

moment-title = Chwila z naszej opowieści: { $heading }
moment-kudos = Wartość w działaniu: { $giver } wyróżnia: { $recipients }
moment-no-kudos = Widzisz, jak ktoś z zespołu wciela to w życie? Powiedz o tym wszystkim przez /kudos.
moment-footer = Z naszej opowieści o kliencie „{ $title }”. Przeczytaj całość: /narrative.

## Administracja

admin-help-title = Administracja
admin-help-narrative-set = /ambassador narrative set [en|el|pl] — zastępuje opowieść o kliencie w jednym języku. Tekst wpisz w kolejnych wierszach: „# Tytuł”, potem obietnicę, następnie nagłówki „## Sekcja” z treścią oraz wiersze „- #value: co oznacza”.
admin-help-import = Schemat organizacyjny wczytuje się z pliku CSV poleceniem: ambassador org import org.csv
narrative-set-usage = Nową opowieść wpisz w wierszach po poleceniu: „# Tytuł”, obietnicę, nagłówki „## Sekcja” z treścią oraz wiersze „- #value: co oznacza”.
narrative-set-unknown-locale = Nie obsługuję języka o kodzie { $locale }. Użyj jednego z: { $supported }.
narrative-set-missing-title = Opowieść potrzebuje tytułu: zacznij wiersz od „# ”.
narrative-set-missing-promise = Opowieść potrzebuje obietnicy: wpisz ją w wierszach zaraz po tytule.
narrative-set-empty-section = Sekcja „{ $heading }” nie ma żadnej treści.
narrative-set-done = Zapisano wersję { $version } opowieści o kliencie ({ $locale }). Wszyscy zostaną poproszeni o ponowne przeczytanie.
narrative-set-carried-over = Treść dla { $locales } przeniesiono z poprzedniej wersji; zaktualizuj ją poleceniem /ambassador narrative set { $example }.

## Krótkie ankiety (pulse)

help-pulse = /pulse — Twoja krótka ankieta: odpowiedz, zmień odpowiedzi albo dodaj anonimowy komentarz; /pulse privacy wyjaśnia dokładnie, co jest przechowywane.
pulse-title = Krótka ankieta
pulse-intro = { $count } { $count ->
        [one] krótkie pytanie
        [few] krótkie pytania
        [many] krótkich pytań
       *[other] krótkiego pytania
    } o to, jak Ci się pracuje. Odpowiedzi są anonimowe; możesz ich udzielić lub je zmienić do { $closes }.
pulse-first-privacy = Twoja pierwsza krótka ankieta: sprawdź dokładnie, co jest przechowywane i kto co widzi, wpisując /pulse privacy.
pulse-question = { $number }. { $text }
pulse-scale-agreement = 1 = zdecydowanie się nie zgadzam · 5 = zdecydowanie się zgadzam
pulse-scale-enps = 0 = zupełnie nieprawdopodobne · 10 = niezwykle prawdopodobne
pulse-your-answer = Twoja odpowiedź: { $value }
pulse-text-hint = Wolisz pisać? { $count ->
        [one] Odpowiedz na jedyne pytanie
        [few] Odpowiedz po kolei na wszystkie { $count } pytania
        [many] Odpowiedz po kolei na wszystkie { $count } pytań
       *[other] Odpowiedz po kolei na wszystkie { $count } pytania
    }: /pulse answer { $example }
pulse-comment-hint = Masz jeszcze coś na myśli? Dodaj anonimowy komentarz: /pulse comment treść komentarza
pulse-reminder-title = Delikatne przypomnienie: Twoja krótka ankieta jest nadal otwarta
pulse-saved = Zapisano odpowiedź { $value } na pytanie { $number }. { $remaining ->
        [0] To było ostatnie pytanie — dziękujemy!
        [one] Zostało jeszcze jedno pytanie.
        [few] Zostały jeszcze { $remaining } pytania.
        [many] Zostało jeszcze { $remaining } pytań.
       *[other] Zostało jeszcze { $remaining } pytania.
    }
pulse-saved-all = Dziękujemy! { $count ->
        [one] Odpowiedź została zapisana. Możesz ją zmienić
        [few] Zapisano wszystkie { $count } odpowiedzi. Możesz je zmienić
        [many] Zapisano wszystkie { $count } odpowiedzi. Możesz je zmienić
       *[other] Zapisano wszystkie { $count } odpowiedzi. Możesz je zmienić
    } do { $closes }.
pulse-closed = Ta runda ankiety zakończyła się { $closed }, więc odpowiedzi nie są już przyjmowane. Następna runda dotrze do Ciebie jak zwykle.
pulse-none = Nie masz teraz otwartej krótkiej ankiety. Następna pojawi się zgodnie ze zwykłym harmonogramem.
pulse-all-answered = Odpowiedzi na wszystkie pytania z tej rundy są już zapisane — dziękujemy! Do { $closes } możesz jeszcze zmienić odpowiedź za pomocą przycisków poniżej.
pulse-answer-wrong-count = Ta runda ma { $expected } { $expected ->
        [one] pytanie
        [few] pytania
        [many] pytań
       *[other] pytania
    }, więc podaj po kolei { $expected } { $expected ->
        [one] liczbę
        [few] liczby
        [many] liczb
       *[other] liczby
    } (podano: { $got }). Na przykład: /pulse answer { $example }
pulse-answer-not-a-number = „{ $word }” nie jest liczbą. Podaj po kolei jedną liczbę na każde pytanie.
pulse-answer-out-of-range = Odpowiedź nr { $position } musi mieścić się w zakresie od { $min } do { $max } (podano: { $value }).
pulse-comment-empty = Wpisz komentarz po poleceniu: /pulse comment treść komentarza
pulse-comment-saved = Twój anonimowy komentarz został zapisany. Kierownicy widzą komentarze tylko z grup liczących co najmniej { $k } { $k ->
        [one] osobę
        [few] osoby
        [many] osób
       *[other] osoby
    }, nigdy wraz z imieniem i nazwiskiem ani godziną.
pulse-help = /pulse pokazuje Twoje otwarte pytania. /pulse answer 4 5 3 … pozwala odpowiedzieć na nie po kolei w formie tekstu. /pulse comment … dodaje anonimowy komentarz. /pulse privacy wyjaśnia, co jest przechowywane i kto co widzi.
pulse-privacy-title = Jak Twoje odpowiedzi w ankiecie pozostają anonimowe
pulse-privacy-stored = Co jest przechowywane: każda odpowiedź wraz z rundą i Twoim działem, ale nigdy Twoje imię i nazwisko ani identyfikator i nigdy czas udzielenia odpowiedzi. Osobno przechowywana jest informacja, czy w ogóle odpowiadasz w danej rundzie — wyłącznie po to, by wysłać Ci jedno przypomnienie i policzyć odsetek odpowiedzi.
pulse-privacy-open = Dopóki runda jest otwarta, jednokierunkowy kod pozwala tylko Tobie odnaleźć i zmienić własne odpowiedzi. Gdy runda się zamyka, ten kod zostaje zniszczony: od tej chwili nikt — ani administratorzy, ani Ty — nie może powiązać odpowiedzi z konkretną osobą.
pulse-privacy-who = Kto co widzi: Ty widzisz własne odpowiedzi, dopóki runda jest otwarta. Kierownicy widzą wyniki tylko swoich zespołów, dopiero po zamknięciu rundy i tylko dla grup, w których { $k ->
        [one] odpowiedziała co najmniej { $k } osoba
        [few] odpowiedziały co najmniej { $k } osoby
        [many] odpowiedziało co najmniej { $k } osób
       *[other] odpowiedziało co najmniej { $k } osoby
    }; mniejsze zespoły są wliczane do działu nadrzędnego, a liczby, które dałoby się od siebie odjąć, by odkryć wyniki małej grupy, są ukrywane. Administratorzy podlegają tym samym zasadom w skali całej firmy. Komentarze są pokazywane tylko dla grup liczących co najmniej { $k } { $k ->
        [one] osobę
        [few] osoby
        [many] osób
       *[other] osoby
    }, bez imion i nazwisk oraz bez godzin.
pulse-privacy-hidden = Które liczby są ukrywane: gdy trzeba ukryć jakąś liczbę, by chronić małą grupę, bot ukrywa tę, której brak najmniej kosztuje kierowników. Najważniejszy jest zespół, którym kierownik kieruje bezpośrednio; suma powyżej niego (na przykład cały pion, który widzą tylko osoby wyżej, obok wyniku całej firmy) jest ukrywana zamiast niego zawsze, gdy równie dobrze chroni małą grupę. To, co da się wyliczyć, nigdy się nie zmienia: żadne zestawienie liczb, które ktokolwiek widzi, nie ujawnia grupy mniejszej niż { $k } { $k ->
        [one] osoba
        [few] osoby
       *[many] osób
    }.
pulse-privacy-never = Nigdy nie są przechowywane: Twoje imię i nazwisko ani identyfikator obok odpowiedzi, czas udzielenia odpowiedzi ani powiązanie Twoich odpowiedzi z jednej rundy z odpowiedziami z innej.
pulse-admin-started = Rozpoczęto rundę ankiety: zaproszono { $people } { $people ->
        [one] osobę
        [few] osoby
        [many] osób
       *[other] osoby
    }, { $questions } { $questions ->
        [one] pytanie
        [few] pytania
        [many] pytań
       *[other] pytania
    }. Runda kończy się { $closes }.
pulse-admin-no-people = Nie ma jeszcze nikogo aktywnego, kogo można by zapytać. Najpierw zaimportuj schemat organizacyjny.
pulse-admin-status = Ostatnia runda (otwarta { $opened }): dostarczono { $delivered } z { $invited }, odpowiedzi: { $responded } ({ $rate }%). { $state }
pulse-admin-state-open = Kończy się { $closes }.
pulse-admin-state-closed = Zakończyła się { $closes }.
pulse-admin-status-none = Nie wysłano jeszcze żadnej rundy ankiety. Rozpocznij ją teraz poleceniem /ambassador pulse start albo poczekaj na termin z harmonogramu.
admin-help-pulse = /ambassador pulse start od razu wysyła rundę ankiety do wszystkich. /ambassador pulse status pokazuje odsetek odpowiedzi w ostatniej rundzie (nigdy to, kto jak odpowiedział).

## Podsumowanie zaangażowania

engagement-title = Podsumowanie zaangażowania, { $week }
engagement-not-manager = Wyniki zespołów są dostępne dla kierowników i administratorów. Twoje odpowiedzi pozostają tylko Twoje: zobacz /pulse privacy.
engagement-org-name = Cała organizacja
engagement-team-score = Zaangażowanie
engagement-team-response = Odsetek odpowiedzi
engagement-team-enps = eNPS
engagement-change = { $change } od poprzedniej rundy
engagement-rising = W górę: { $drivers }
engagement-falling = W dół: { $drivers }
engagement-rolled-up = Liczba osób, które odpowiedziały, jest mniejsza niż { $k }, więc ich odpowiedzi są wliczane do działu { $parent }.
engagement-rolled-up-nowhere = Liczba osób, które odpowiedziały, jest mniejsza niż { $k }, więc wyniki nie są pokazywane.
engagement-suppressed = Ukryte w tej rundzie: pokazanie tych wyników pozwoliłoby wyliczyć dane mniejszej grupy z pozostałych liczb.
engagement-not-asked = W ostatniej rundzie nikt z tego zespołu nie otrzymał ankiety.
engagement-no-rounds = Żadna runda ankiety nie została jeszcze zamknięta: wyniki pojawią się po zamknięciu pierwszej.
engagement-team-kudos = Wyróżnienia w tym tygodniu
engagement-team-kudos-value = przyznane: { $given }, otrzymane: { $received }
engagement-matrix-title = Wyróżnienia między działami w tym tygodniu
engagement-matrix-line = { $from } → { $to }: { $count }
engagement-kudos-title = Wyróżnienia otrzymane w tym tygodniu przez Twój zespół
engagement-kudos-line = { $from } → { $to }:
engagement-kudos-none = W tym tygodniu Twój zespół nie otrzymał żadnych wyróżnień. Dobrym początkiem będzie samodzielne wyróżnienie kogoś: /kudos
engagement-kudos-cross = { $count ->
        [one] Jedno z nich pochodziło z innego działu.
        [few] { $count } z nich pochodziły z innych działów.
        [many] { $count } z nich pochodziło z innych działów.
       *[other] { $count } z nich pochodziło z innych działów.
    }
engagement-narrative = Przeczytanie aktualnej opowieści o kliencie (wersja { $version }) potwierdzone przez { $read } z { $people } { $people ->
        [one] osoby
        [few] osób
        [many] osób
       *[other] osoby
    } w Twoim zespole.
engagement-comments-title = Anonimowe komentarze
engagement-chart-alt = Zaangażowanie Twoich zespołów { $count ->
        [one] w ostatniej rundzie
        [few] w ostatnich { $count } rundach
        [many] w ostatnich { $count } rundach
       *[other] w ostatnich { $count } rundach
    }
engagement-chart-title = Zaangażowanie w kolejnych rundach
help-engagement = /engagement — dla kierowników: najnowsze podsumowanie zaangażowania Twoich zespołów.
help-engagement-web = /engagement web — prywatny link, który loguje Cię do panelu w przeglądarce.
driver-recognition = Uznanie
driver-feedback = Informacja zwrotna
driver-manager = Relacja z przełożonym
driver-peers = Relacje ze współpracownikami
driver-narrative = Opowieść o kliencie
driver-ambassadorship = Ambasadorstwo
driver-empowerment = Sprawczość
driver-growth = Rozwój
driver-wellbeing = Dobrostan
driver-satisfaction = Satysfakcja
driver-enps = eNPS

## Alerty o spadkach

alert-title = Alert zaangażowania: { $team }
alert-body = Wskaźnik „{ $series }” spadł z { $baseline } do { $current } ({ $fall }) od { $since }. Za każdym razem { $k ->
        [one] odpowiedziała co najmniej { $k } osoba
        [few] odpowiedziały co najmniej { $k } osoby
        [many] odpowiedziało co najmniej { $k } osób
       *[other] odpowiedziało co najmniej { $k } osoby
    }, więc to rzeczywista zmiana w grupie, a nie odpowiedzi jednej osoby.
alert-suggest-engagement = Zaangażowanie spadło we wszystkich obszarach. Na najbliższym spotkaniu zapytaj zespół, co ostatnio stało się trudniejsze, i jeszcze w tym tygodniu usuń jedną przeszkodę.
alert-suggest-recognition = Spadł wskaźnik uznania: w tym tygodniu publicznie podziękuj komuś z zespołu za konkretne działanie z myślą o kliencie (/kudos).
alert-suggest-feedback = Spadł wskaźnik informacji zwrotnej: w tym tygodniu przekaż każdej osobie jedną konkretną informację zwrotną na temat jej ostatniej pracy.
alert-suggest-manager = Spadła ocena relacji z Tobą jako osobą kierującą zespołem: umów się z każdą osobą na krótkie spotkanie jeden na jeden i przede wszystkim słuchaj.
alert-suggest-peers = Spadła ocena relacji między współpracownikami: w tym tygodniu połącz w pary osoby z różnych części zespołu, by razem zajęły się problemem klienta.
alert-suggest-narrative = Spadło utożsamianie się z opowieścią o kliencie: rozpocznij najbliższe spotkanie zespołu historią o dotrzymanej obietnicy (/narrative).
alert-suggest-ambassadorship = Spadł wskaźnik ambasadorstwa: zapytaj, co sprawiłoby, że ludzie z większą dumą polecaliby naszą firmę, i przekaż jedną sugestię zespołowi produktowemu.
alert-suggest-empowerment = Spadło poczucie sprawczości: ustal z zespołem jedną decyzję w sprawie klienta, którą może podejmować bez pytania Cię o zgodę.
alert-suggest-growth = Spadł wskaźnik rozwoju: zapytaj każdą osobę, czego chce się teraz nauczyć, i znajdźcie jeszcze w tym miesiącu jeden krok w tym kierunku.
alert-suggest-wellbeing = Spadł dobrostan: uczciwie przyjrzyj się obciążeniu pracą i jeszcze w tym tygodniu zdejmij z zespołu jedno zadanie.
alert-suggest-satisfaction = Spadła satysfakcja: zapytaj zespół, jaka jedna zmiana zrobiłaby największą różnicę, i wprowadź ją.
alert-suggest-enps = Spadł wskaźnik eNPS: zapytaj, co sprawiłoby, że ludzie polecaliby pracę u nas, i działaj zgodnie z najczęstszą odpowiedzią.
alert-suggest-response-rate = Odpowiada coraz mniej osób: przypomnij zespołowi, że odpowiedzi są anonimowe (/pulse privacy), i pokaż, co zmieniło się po ostatniej rundzie.
alert-suggest-kudos = Spadła liczba wyróżnień: w tym tygodniu wyróżnij kogoś za działanie z myślą o kliencie — zespół bierze przykład z osoby, która nim kieruje (/kudos).
alert-plan-button = Zaplanuj działanie
alert-plan-prompt = Co z tym zrobisz? Odpowiedz poleceniem /engagement plan { $id } i krótkim zdaniem, na przykład: /engagement plan { $id } w tym tygodniu spotkania jeden na jeden z każdą osobą
alert-plan-saved = Zanotowano. W kolejnych podsumowaniach „{ $action }” pojawi się obok zmian wskaźnika „{ $series }”.
alert-plan-unknown = Nie ma alertu { $id } dla zespołów, którymi kierujesz.
alert-plan-empty = Po numerze napisz, co zamierzasz zrobić: /engagement plan { $id } Twój plan
engagement-alerts-title = Wykryte spadki
engagement-alert-line = { $team }: wskaźnik „{ $series }” spadł z { $baseline } do { $current } od { $since }.
engagement-alert-action = Twoje działanie: „{ $action }”. Teraz { $now }: { $state }.
engagement-alert-recovered = spadek odrobiony
engagement-alert-not-recovered = spadek jeszcze nieodrobiony
engagement-alert-no-action = Nie zanotowano jeszcze żadnego działania: /engagement plan { $id } …
series-engagement = Zaangażowanie
series-response-rate = Odsetek odpowiedzi
series-kudos = Otrzymane wyróżnienia

## Import schematu organizacyjnego (wiersz poleceń)

import-done = Zaimportowano { $people } { $people ->
        [one] osobę
        [few] osoby
        [many] osób
       *[other] osoby
    } (nowe: { $created }, zaktualizowane: { $updated }) w { $departments } { $departments ->
        [one] dziale
        [few] działach
        [many] działach
       *[other] działu
    } dla organizacji { $org }.
import-failed = Nic nie zostało zaimportowane: { $count ->
        [one] w pliku jest jeden problem
        [few] w pliku są { $count } problemy
        [many] w pliku jest { $count } problemów
       *[other] w pliku jest { $count } problemu
    }. { $count ->
        [one] Popraw go
        [few] Popraw je
        [many] Popraw je
       *[other] Popraw je
    } i uruchom import ponownie.
import-line = wiersz { $line }: { $problem }
import-problem-empty = plik jest pusty; pierwszy wiersz musi być nagłówkiem "email,name,department,manager_email,timezone,locale,admin"
import-problem-unreadable = ten wiersz nie jest poprawnym CSV ({ $detail })
import-problem-missing-column = w nagłówku brakuje kolumny „{ $column }”
import-problem-bad-email = „{ $email }” nie jest adresem e-mail
import-problem-duplicate-email = { $email } występuje już w wierszu { $first }
import-problem-duplicate-handle = nazwa przed @ („{ $handle }”) jest już użyta w wierszu { $first }; musi być unikalna
import-problem-blank = pole „{ $column }” jest puste
import-problem-bad-department = „{ $department }” nie jest ścieżką działu; użyj nazw oddzielonych znakiem „/”, np. Operations/Support
import-problem-unknown-manager = przełożonego { $email } nie ma ani w tym pliku, ani w katalogu
import-problem-own-manager = nikt nie może być swoim własnym przełożonym
import-problem-manager-cycle = przełożeni powyżej { $email } tworzą pętlę
import-problem-bad-timezone = „{ $timezone }” nie jest strefą czasową; użyj nazwy IANA, np. Europe/Warsaw
import-problem-bad-locale = „{ $locale }” to nie jest język, którym mówię; użyj jednego z: { $supported }
import-problem-bad-flag = „{ $value }” w kolumnie { $column } musi mieć wartość yes lub no
import-problem-bad-discord-id = „{ $id }” w kolumnie discord_id nie jest identyfikatorem użytkownika Discorda (17–20 cyfr: w Discordzie włącz tryb dewelopera, kliknij osobę prawym przyciskiem → Kopiuj ID użytkownika)
import-problem-duplicate-discord-id = identyfikator Discorda { $id } występuje już w wierszu { $first }

## Konsola

console-banner = Konsola ambassador: lokalny czat z botem. Wpisz /help, aby zobaczyć polecenia bota, lub /console, aby zobaczyć polecenia konsoli.
console-web-ready = Panel w przeglądarce działa pod adresem { $url }, dopóki konsola jest otwarta: wpisz /engagement web, aby dostać link do logowania.
console-web-off = Panel w przeglądarce jest wyłączony: adres { $address } jest zajęty ({ $error }). Konsola działa normalnie.
console-help-title = Polecenia konsoli
console-help = /as <handle> — mów jako ktoś inny (część adresu e-mail przed @)
    /who — lista osób, w imieniu których możesz mówić
    /click <id> — naciśnij przycisk, np. /click b3
    /home — Twoja strona główna: narracja, otwarty puls, kudos, a dla menedżerów wyniki zespołów (App Home w Slacku)
    /cancel — porzuć wypełniany formularz (formularze otwierają /kudos oraz przyciski kudos i komentarza)
    /clock — pokaż symulowany czas
    /advance <n><m|h|d|w> — przesuń czas do przodu i wykonaj wszystko, co w tym czasie przypadło, np. /advance 3d
    /quit — wyjdź
console-as = Działasz teraz jako { $name } ({ $handle }, { $department }, { $locale }, { $tz }).
console-no-actor = Najpierw wybierz, kim jesteś, np. /as { $handle }. Polecenie /who pokazuje wszystkich.
console-unknown-handle = Nie ma tu nikogo o nazwie { $handle }. Polecenie /who pokazuje wszystkich.
console-unknown-button = Nie ma przycisku { $id }. Przyciski są pokazywane jako [b3] po wiadomości.
console-not-your-button = Przycisk { $id } jest w wiadomości do { $owner }; tylko ta osoba może go nacisnąć. Najpierw użyj /as { $owner }.
console-clock = Symulowany czas: { $local } ({ $tz }), { $utc } UTC.
console-advance-usage = Podaj, o ile przesunąć czas, np. /advance 30m, /advance 12h, /advance 3d, /advance 1w.
console-advanced = Przesunięto zegar o { $amount }. { $jobs ->
        [0] Nic nie było zaplanowane.
        [one] Wykonano jedno zaplanowane zadanie.
        [few] Wykonano { $jobs } zaplanowane zadania.
        [many] Wykonano { $jobs } zaplanowanych zadań.
       *[other] Wykonano { $jobs } zaplanowanego zadania.
    }
console-who-line = { $handle } — { $name }, { $department }{ $role }
console-role-manager = , kierownik
console-role-admin = , administrator
console-to-direct = do @{ $handle } (wiadomość prywatna)
console-to-channel = na #{ $channel }
console-reply-private = odpowiedź dla: { $name } (widzi ją tylko ta osoba)
console-reply-public = odpowiedź dla: { $name }
console-empty-org = W lokalnej organizacji nie ma jeszcze nikogo. Uruchom z --demo, aby zobaczyć organizację demonstracyjną, albo z --import org.csv, aby wczytać własną.
weekday-mon = poniedziałek
weekday-tue = wtorek
weekday-wed = środa
weekday-thu = czwartek
weekday-fri = piątek
weekday-sat = sobota
weekday-sun = niedziela
console-bye = Do zobaczenia!
console-form-title = Formularz: { $title }
console-form-how = Odpowiedz na każde pole w osobnym wierszu; pusty wiersz zostawia to, co widać. /cancel porzuca formularz; po ostatnim polu zostaje wysłany ({ $submit }).
console-form-people = Wskaż osoby po nazwie użytkownika, np. @dev @eleni.
console-form-keep = Pusty wiersz zostawia: { $value }
console-form-optional = Opcjonalne: pusty wiersz je pomija.
console-form-cancelled = Formularz porzucony; nic nie zostało wysłane.
console-updated = ↻ Wiadomość z [{ $id }] pokazuje teraz Twój wybór: { $label } ✓
console-home = strona główna: { $name }
console-multiline-hint = (Wpisz tekst w kolejnych wierszach; zakończ wierszem zawierającym tylko kropkę.)
console-demo-ready = Organizacja demonstracyjna gotowa: { $people } { $people ->
        [one] osoba
        [few] osoby
        [many] osób
       *[other] osoby
    } w { $departments } { $departments ->
        [one] dziale
        [few] działach
        [many] działach
       *[other] działu
    }. Spróbuj: /as { $handle }

## Pulse comments and the home page
pulse-comment-button = Dodaj komentarz
pulse-comment-how = Aby dodać anonimowy komentarz, napisz /pulse comment, a po nim swój tekst.
home-title = Cześć { $name }, oto Twoja strona ambassadora
home-give-kudos = Daj kudos
home-pulse = Twój puls
home-teams = Twoje zespoły
home-footer = Strona odświeża się przy każdym otwarciu. Wpisz /help w dowolnej rozmowie, aby zobaczyć wszystkie polecenia.

## Slack forms and reactions
form-kudos-title = Daj kudos
form-kudos-people = Komu chcesz podziękować?
form-kudos-message = Co zrobili dla klienta?
form-kudos-message-hint = Co najmniej { $min } znaków. Zobaczą to wszyscy na #{ $channel }.
form-kudos-value = Jaką wartość to pokazało?
form-kudos-value-placeholder = Wybierz wartość (opcjonalnie)
form-submit = Wyślij
form-cancel = Anuluj
form-comment-title = Anonimowy komentarz
form-comment-label = Co chcesz powiedzieć?
form-comment-hint = Komentarz zapisujemy bez Twojego imienia i pokazujemy tylko w grupach na tyle dużych, że pozostajesz anonimowy.
form-missing-kudos_people = Wybierz co najmniej jedną osobę.
form-missing-kudos_message = Napisz, co zrobili.
form-missing-pulse_comment = Napisz komentarz albo naciśnij Anuluj.
slack-reaction-kudos = :{ $emoji }: za tę wiadomość: { $link }
slack-reaction-kudos-nolink = :{ $emoji }: za wiadomość, która zrobiła różnicę dla klienta
teams-app-description-short = Ankiety, podziękowania i nasza obietnica dla klientów, w Teams.
teams-app-description-full = Ambassador zamienia codzienną pracę w rzecznictwo klienta. Odpowiedz na krótką ankietę jednym dotknięciem (anonimowo z założenia), podziękuj współpracownikom za pracę z myślą o kliencie, oznaczając nasze wartości, przeczytaj narrację o kliencie, którą znają wszyscy, a jako menedżer otrzymuj cotygodniowe podsumowanie zaangażowania, które nigdy nie ujawnia zbyt małej grupy.
teams-command-help = Co potrafię i jak o to poprosić.
teams-command-kudos = kudos @imię co zrobili #wartość: podziękuj współpracownikowi.
teams-command-pulse = Twoja ankieta: odpowiedz albo zmień odpowiedzi.
teams-command-narrative = Nasza narracja o kliencie: obietnica, którą składamy.
teams-command-engagement = Dla menedżerów: najnowsze podsumowanie zaangażowania twoich zespołów; „web” — link do logowania w panelu.
teams-command-ambassador = Administracja (tylko dla administratorów): ambassador help.
teams-press-pending = Przyjęte. Jeszcze nad tym pracuję; odpowiedź przyjdzie w wiadomości.

## Discord: opisy poleceń (najwyżej 100 znaków) i odpowiedzi
discord-command-kudos = Podziękuj koledze za coś, co zrobił dla klienta.
discord-option-kudos-user = Komu dziękujesz.
discord-option-kudos-message = Co zrobił (zostaw puste, aby napisać to w formularzu).
discord-option-kudos-value = Wartość firmy, którą to pokazuje.
discord-option-kudos-more = Ktoś jeszcze, komu dziękujesz.
discord-command-kudos-stats = Kudos, które dałeś i otrzymałeś.
discord-command-pulse = Twój puls: odpowiedz, zmień odpowiedzi lub sprawdź, jak chronimy prywatność.
discord-option-pulse-text = Opcjonalnie: privacy, comment <tekst>, answer 4 5 3, help.
discord-command-narrative = Nasza narracja o kliencie: obietnica, którą składamy.
discord-command-engagement = Dla menedżerów: podsumowanie Twoich zespołów; „web” — link do panelu.
discord-option-engagement-text = Opcjonalnie: plan <numer alertu> <co zrobisz>.
discord-command-ambassador = Administracja (tylko dla administratorów).
discord-option-ambassador-text = Co zrobić, np. help, pulse start, kudos values.
discord-still-working = Mam to. Jeszcze nad tym pracuję; odpowiedź pojawi się tutaj.
discord-unknown-people = Nie mogę znaleźć { $names } w katalogu. Użyj ich nazwy użytkownika na Discordzie albo wybierz ich w /kudos.
discord-form-too-late = Otwieranie formularza trwało za długo. Uruchom polecenie jeszcze raz.
discord-no-guild = Odpowiadam na serwerach, do których mnie dodano: użyj mnie tam.
