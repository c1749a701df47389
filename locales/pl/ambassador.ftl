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

## Konsola

console-banner = Konsola ambassador: lokalny czat z botem. Wpisz /help, aby zobaczyć polecenia bota, lub /console, aby zobaczyć polecenia konsoli.
console-help-title = Polecenia konsoli
console-help = /as <handle> — mów jako ktoś inny (część adresu e-mail przed @)
    /who — lista osób, w imieniu których możesz mówić
    /click <id> — naciśnij przycisk, np. /click b3
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
