# ambassador: ελληνικά μηνύματα (για ό,τι λείπει χρησιμοποιούνται τα αγγλικά).
# Μεταβλητές: τα $name, $giver και τα παρόμοια είναι ονόματα προβολής· μην βάζεις ποτέ markup σε μια μετάφραση,
# κάθε κομμάτι κειμένου γίνεται escape για την πλατφόρμα συνομιλίας.

## Γενικά

error-internal = Κάτι πήγε στραβά από τη μεριά μας και δεν άλλαξε τίποτα. Δοκίμασε ξανά σε ένα λεπτό.
error-unknown-command = Δεν γνωρίζω την εντολή { $command }. Πληκτρολόγησε /help για να δεις τι μπορώ να κάνω.
error-unknown-actor = Δεν σε γνωρίζω ακόμη, οπότε δεν μπορώ να το κάνω αυτό. Ζήτησε από έναν διαχειριστή να σε προσθέσει στο οργανόγραμμα.
error-admin-only = Μόνο οι διαχειριστές μπορούν να το κάνουν αυτό. Οι διαχειριστές εδώ είναι: { $admins }.
error-button-expired = Αυτό το κουμπί ανήκει σε παλαιότερο μήνυμα και δεν κάνει πια τίποτα.

## Βοήθεια

help-title = Τι μπορώ να κάνω
help-intro = Βοηθάω όλους μας να τηρούμε την υπόσχεσή μας προς τους πελάτες: να ευχαριστούμε συναδέλφους για δουλειά με επίκεντρο τον πελάτη και να έχουμε πάντα κοντά μας το αφήγημά μας για τον πελάτη.
help-kudos = /kudos @όνομα [@όνομα …] τι έκαναν [#αξία …] — δώσε εύσημα σε συναδέλφους για μια πράξη με επίκεντρο τον πελάτη.
help-kudos-stats = /kudos stats — τι έχεις δώσει και τι έχεις λάβει, και πόσα εύσημα σου απομένουν σήμερα.
help-narrative = /narrative — το αφήγημά μας για τον πελάτη: η υπόσχεση που δίνουμε σε κάθε πελάτη.
help-help = /help — αυτή η λίστα.
help-admin = /ambassador help — διαχείριση (μόνο για διαχειριστές).

## Εύσημα (kudos)

kudos-usage-title = Πώς δίνεις εύσημα
kudos-usage = Γράψε /kudos, τους ανθρώπους που θέλεις να ευχαριστήσεις, τι έκαναν για έναν πελάτη (τουλάχιστον { $min } { $min ->
        [one] χαρακτήρα
       *[other] χαρακτήρες
    }) και, αν θέλεις, μία ή περισσότερες αξίες.
kudos-usage-example = Παράδειγμα: /kudos @{ $handle } έμεινε στη γραμμή μέχρι να μπει ξανά σε τάξη η παραγγελία του πελάτη #customer-first
kudos-values-list = Αξίες: { $values }
kudos-error-no-recipients = Ποιον θέλεις να ευχαριστήσεις; Ξεκίνα με τα ονόματα, για παράδειγμα: /kudos @{ $handle } …
kudos-error-self = Δεν μπορείς να δώσεις εύσημα στον εαυτό σου, μπορείς όμως να φτιάξεις τη μέρα κάποιου άλλου: ποιος σε βοήθησε αυτή την εβδομάδα;
kudos-error-unknown-person = Δεν βρίσκω κανέναν με το όνομα { $handle } στον κατάλογο. Έλεγξε την ορθογραφία ή ζήτησε από έναν διαχειριστή να προστεθεί.
kudos-error-inactive-person = Το μέλος { $name } δεν είναι πλέον ενεργό εδώ, οπότε δεν μπορεί να λάβει εύσημα.
kudos-error-message-missing = Πες τους τι έκαναν: τα εύσημα χρειάζονται λίγα λόγια για την πράξη με επίκεντρο τον πελάτη.
kudos-error-message-too-short = Γράψε λίγα περισσότερα για το τι έκαναν: τουλάχιστον { $min } { $min ->
        [one] χαρακτήρα
       *[other] χαρακτήρες
    } (έγραψες { $actual }).
kudos-error-unknown-value = Το #{ $value } δεν είναι μία από τις αξίες μας. Χρησιμοποίησε μία από τις εξής: { $valid }.
kudos-error-allowance = Σήμερα έχεις ήδη ευχαριστήσει { $used } { $used ->
        [one] άτομο
       *[other] άτομα
    } και το ημερήσιο όριό σου είναι { $allowance }. Ανανεώνεται στις { $resets } ({ $tz }).
kudos-error-allowance-partial = Σήμερα μπορείς να δώσεις εύσημα σε ακόμη { $remaining } { $remaining ->
        [one] άτομο
       *[other] άτομα
    }, αλλά ανέφερες { $asked } { $asked ->
        [one] άτομο
       *[other] άτομα
    }. Το όριό σου ανανεώνεται στις { $resets } ({ $tz }).
kudos-sent = Στάλθηκαν εύσημα σε: { $names }! Σήμερα μπορείς να ευχαριστήσεις ακόμη { $remaining } { $remaining ->
        [one] άτομο
       *[other] άτομα
    }.
kudos-dm-title = Η δουλειά σου αναγνωρίστηκε!
kudos-dm-body = { $giver } σε ευχαρίστησε:
kudos-dm-footer = Δώσε κι εσύ τη σκυτάλη: ποιος έκανε πρόσφατα τη μέρα ενός πελάτη καλύτερη; /kudos
kudos-channel-title = Εύσημα
kudos-channel-body = { $giver } έδωσε εύσημα σε: { $recipients }
kudos-values-label = Αξίες
kudos-cross-department = Μεταξύ τμημάτων: { $from } → { $to }
kudos-none = κανένα

kudos-stats-title = Τα εύσημά σου
kudos-stats-given = Έδωσες
kudos-stats-received = Έλαβες
kudos-stats-count = { $count ->
        [one] { $count } εύσημο
       *[other] { $count } εύσημα
    }
kudos-stats-by-value = Ανά αξία
kudos-stats-recent-given = Έδωσες πρόσφατα
kudos-stats-recent-received = Έλαβες πρόσφατα
kudos-stats-recent-given-line = σε { $names } στις { $date }: { $message }
kudos-stats-recent-received-line = από { $name } στις { $date }: { $message }
kudos-stats-left-today = Απομένουν σήμερα: { $remaining } από { $allowance } (ανανέωση στις { $resets } { $tz })
kudos-stats-cheer-giver = Έχεις αναγνωρίσει τη δουλειά συναδέλφων { $count ->
        [one] μία φορά
       *[other] { $count } φορές
    }. Έτσι χτίζεται μια κουλτούρα: προσέχοντας την καλή δουλειά. Σ' ευχαριστούμε!
kudos-stats-cheer-new = Δεν έχεις δώσει ακόμη εύσημα. Ποιος έκανε πρόσφατα κάτι παραπάνω για έναν πελάτη;

## Αφήγημα για τον πελάτη

narrative-none = Το αφήγημά μας για τον πελάτη δεν έχει γραφτεί ακόμη. Ένας διαχειριστής μπορεί να το προσθέσει με /ambassador narrative set.
narrative-values-heading = Οι αξίες μας
narrative-version = Έκδοση { $version }, ενημερώθηκε στις { $date }
narrative-fallback-language = Αυτή η έκδοση δεν είναι ακόμη διαθέσιμη στη γλώσσα σου, γι' αυτό σου τη δείχνουμε στα αγγλικά.
narrative-ack-button = Το διάβασα
narrative-acked = Επιβεβαίωσες ότι διάβασες αυτή την έκδοση στις { $date }.
narrative-ack-thanks = Ευχαριστούμε! Επιβεβαίωσες ότι διάβασες την έκδοση { $version } του αφηγήματός μας για τον πελάτη.
narrative-ack-already = Έχεις ήδη επιβεβαιώσει την έκδοση { $version } στις { $date }.
narrative-ack-outdated = Αυτή ήταν η έκδοση { $old }· το αφήγημα έχει αλλάξει από τότε. Πληκτρολόγησε /narrative για να διαβάσεις την έκδοση { $current }.

welcome-title = Καλώς ήρθες, { $name }!
welcome-intro = Είμαι ο ambassador. Ο καθένας μας, σε κάθε ομάδα, βοηθά να τηρούμε την υπόσχεση που δίνουμε στους πελάτες μας. Ορίστε:
welcome-footer = Πληκτρολόγησε /help για να δεις τι μπορώ να κάνω ή /kudos για να ευχαριστήσεις έναν συνάδελφο για μια πράξη με επίκεντρο τον πελάτη.

moment-title = Στιγμή από το αφήγημα: { $heading }
moment-kudos = Μια αξία στην πράξη: { $giver } έδωσε εύσημα σε: { $recipients }
moment-no-kudos = Είδες κάποιον συνάδελφο να το κάνει πράξη; Πες το σε όλους με /kudos.
moment-footer = Από το αφήγημά μας για τον πελάτη, «{ $title }». Διάβασέ το ολόκληρο με /narrative.

## Διαχείριση

admin-help-title = Διαχείριση
admin-help-narrative-set = /ambassador narrative set [en|el|pl] — αντικαθιστά το αφήγημα για τον πελάτη σε μία γλώσσα. Γράψε το κείμενο στις επόμενες γραμμές: «# Τίτλος», μετά την υπόσχεση, μετά επικεφαλίδες «## Ενότητα» με το κείμενό τους και γραμμές «- #value: τι σημαίνει».
admin-help-import = Το οργανόγραμμα φορτώνεται από αρχείο CSV με την εντολή: ambassador org import org.csv
narrative-set-usage = Γράψε το νέο αφήγημα στις γραμμές μετά την εντολή: «# Τίτλος», την υπόσχεση, επικεφαλίδες «## Ενότητα» με το κείμενό τους και γραμμές «- #value: τι σημαίνει».
narrative-set-unknown-locale = Δεν υποστηρίζω γλώσσα με κωδικό { $locale }. Χρησιμοποίησε έναν από τους εξής: { $supported }.
narrative-set-missing-title = Το αφήγημα χρειάζεται τίτλο: ξεκίνα μια γραμμή με «# ».
narrative-set-missing-promise = Το αφήγημα χρειάζεται την υπόσχεση: γράψ' την στις γραμμές αμέσως μετά τον τίτλο.
narrative-set-empty-section = Η ενότητα «{ $heading }» δεν έχει κείμενο.
narrative-set-done = Αποθηκεύτηκε η έκδοση { $version } του αφηγήματος για τον πελάτη ({ $locale }). Θα ζητηθεί από όλους να το διαβάσουν ξανά.
narrative-set-carried-over = Το κείμενο για { $locales } μεταφέρθηκε από την προηγούμενη έκδοση· ενημέρωσέ το με /ambassador narrative set { $example }.

## Εισαγωγή οργανογράμματος (γραμμή εντολών)

import-done = Ολοκληρώθηκε η εισαγωγή { $people } { $people ->
        [one] ατόμου
       *[other] ατόμων
    } (νέα: { $created }, ενημερωμένα: { $updated }) σε { $departments } { $departments ->
        [one] τμήμα
       *[other] τμήματα
    } για τον οργανισμό { $org }.
import-failed = Δεν εισήχθη τίποτα: { $count ->
        [one] το αρχείο έχει ένα πρόβλημα
       *[other] το αρχείο έχει { $count } προβλήματα
    }. { $count ->
        [one] Διόρθωσέ το
       *[other] Διόρθωσέ τα
    } και εκτέλεσε ξανά την εισαγωγή.
import-line = γραμμή { $line }: { $problem }
import-problem-empty = το αρχείο είναι κενό· η πρώτη γραμμή πρέπει να είναι η κεφαλίδα "email,name,department,manager_email,timezone,locale,admin"
import-problem-unreadable = αυτή η γραμμή δεν είναι έγκυρο CSV ({ $detail })
import-problem-missing-column = η κεφαλίδα δεν έχει στήλη «{ $column }»
import-problem-bad-email = το «{ $email }» δεν είναι διεύθυνση email
import-problem-duplicate-email = το { $email } εμφανίζεται ήδη στη γραμμή { $first }
import-problem-duplicate-handle = το όνομα πριν από το @ («{ $handle }») χρησιμοποιείται ήδη στη γραμμή { $first }· πρέπει να είναι μοναδικό
import-problem-blank = η στήλη «{ $column }» είναι κενή
import-problem-bad-department = το «{ $department }» δεν είναι διαδρομή τμήματος· χρησιμοποίησε ονόματα χωρισμένα με «/», όπως Operations/Support
import-problem-unknown-manager = ο προϊστάμενος { $email } δεν υπάρχει ούτε σε αυτό το αρχείο ούτε στον κατάλογο
import-problem-own-manager = κανείς δεν μπορεί να είναι προϊστάμενος του εαυτού του
import-problem-manager-cycle = οι προϊστάμενοι πάνω από το { $email } σχηματίζουν κύκλο
import-problem-bad-timezone = το «{ $timezone }» δεν είναι ζώνη ώρας· χρησιμοποίησε όνομα IANA, όπως Europe/Athens
import-problem-bad-locale = το «{ $locale }» δεν είναι γλώσσα που μιλάω· χρησιμοποίησε μία από τις εξής: { $supported }
import-problem-bad-flag = το «{ $value }» στη στήλη { $column } πρέπει να είναι yes ή no

## Κονσόλα

console-banner = Κονσόλα ambassador: τοπική συνομιλία με το bot. Πληκτρολόγησε /help για τις εντολές του bot και /console για τις εντολές της κονσόλας.
console-help-title = Εντολές κονσόλας
console-help = /as <handle> — μίλα ως κάποιος άλλος (το μέρος του email πριν από το @)
    /who — λίστα με τα άτομα ως τα οποία μπορείς να μιλήσεις
    /click <id> — πάτα ένα κουμπί, π.χ. /click b3
    /clock — εμφάνιση της προσομοιωμένης ώρας
    /advance <n><m|h|d|w> — μετακίνησε τον χρόνο μπροστά και εκτέλεσε ό,τι είχε προγραμματιστεί μέχρι τότε, π.χ. /advance 3d
    /quit — έξοδος
console-as = Τώρα μιλάς ως { $name } ({ $handle }, { $department }, { $locale }, { $tz }).
console-no-actor = Διάλεξε πρώτα ποιος είσαι, π.χ. /as { $handle }. Η εντολή /who δείχνει όλους.
console-unknown-handle = Δεν υπάρχει κανείς με το όνομα { $handle } εδώ. Η εντολή /who δείχνει όλους.
console-unknown-button = Δεν υπάρχει κουμπί { $id }. Τα κουμπιά εμφανίζονται ως [b3] μετά από ένα μήνυμα.
console-not-your-button = Το κουμπί { $id } βρίσκεται σε μήνυμα προς { $owner }· μόνο ο παραλήπτης μπορεί να το πατήσει. Χρησιμοποίησε πρώτα /as { $owner }.
console-clock = Προσομοιωμένη ώρα: { $local } ({ $tz }), { $utc } UTC.
console-advance-usage = Πες πόσο να προχωρήσει ο χρόνος, π.χ. /advance 30m, /advance 12h, /advance 3d, /advance 1w.
console-advanced = Το ρολόι προχώρησε κατά { $amount }. { $jobs ->
        [0] Δεν υπήρχε τίποτα προγραμματισμένο.
        [one] Εκτελέστηκε μία προγραμματισμένη εργασία.
       *[other] Εκτελέστηκαν { $jobs } προγραμματισμένες εργασίες.
    }
console-who-line = { $handle } — { $name }, { $department }{ $role }
console-role-manager = , προϊστάμενος/η
console-role-admin = , διαχειριστής/τρια
console-to-direct = προς @{ $handle } (προσωπικό μήνυμα)
console-to-channel = προς #{ $channel }
console-reply-private = απάντηση προς { $name } (τη βλέπει μόνο εκείνος/η)
console-reply-public = απάντηση προς { $name }
console-empty-org = Δεν υπάρχει ακόμη κανείς στον τοπικό οργανισμό. Ξεκίνα με --demo για έναν οργανισμό επίδειξης ή με --import org.csv για τον δικό σου.
weekday-mon = Δευτέρα
weekday-tue = Τρίτη
weekday-wed = Τετάρτη
weekday-thu = Πέμπτη
weekday-fri = Παρασκευή
weekday-sat = Σάββατο
weekday-sun = Κυριακή
console-bye = Αντίο!
console-multiline-hint = (Γράψε το κείμενο στις επόμενες γραμμές· τελείωσε με μια γραμμή που περιέχει μόνο μια τελεία.)
console-demo-ready = Ο οργανισμός επίδειξης είναι έτοιμος: { $people } { $people ->
        [one] άτομο
       *[other] άτομα
    } σε { $departments } { $departments ->
        [one] τμήμα
       *[other] τμήματα
    }. Δοκίμασε: /as { $handle }
