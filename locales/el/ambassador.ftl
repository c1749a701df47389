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
kudos-example-handle = synadelfos
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

## Σύντομες έρευνες (pulse)

help-pulse = /pulse — η σύντομη έρευνά σου: απάντησε, άλλαξε τις απαντήσεις σου ή πρόσθεσε ένα ανώνυμο σχόλιο· η εντολή /pulse privacy εξηγεί ακριβώς τι αποθηκεύεται.
pulse-title = Σύντομη έρευνα
pulse-intro = { $count } { $count ->
        [one] σύντομη ερώτηση
       *[other] σύντομες ερωτήσεις
    } για το πώς πάει η δουλειά. Οι απαντήσεις σου είναι ανώνυμες και μπορείς να απαντήσεις ή να τις αλλάξεις μέχρι τις { $closes }.
pulse-first-privacy = Η πρώτη σου σύντομη έρευνα: δες ακριβώς τι αποθηκεύεται και ποιος βλέπει τι με την εντολή /pulse privacy.
pulse-question = { $number }. { $text }
pulse-scale-agreement = 1 = διαφωνώ απόλυτα · 5 = συμφωνώ απόλυτα
pulse-scale-enps = 0 = καθόλου πιθανό · 10 = εξαιρετικά πιθανό
pulse-your-answer = Η απάντησή σου: { $value }
pulse-text-hint = Προτιμάς να πληκτρολογείς; { $count ->
        [one] Απάντησε στη μοναδική ερώτηση
       *[other] Απάντησε και στις { $count } ερωτήσεις με τη σειρά
    }: /pulse answer { $example }
pulse-comment-hint = Έχεις κάτι άλλο στο μυαλό σου; Πρόσθεσε ένα ανώνυμο σχόλιο: /pulse comment το κείμενό σου
pulse-reminder-title = Μια φιλική υπενθύμιση: η σύντομη έρευνά σου είναι ακόμη ανοιχτή
pulse-saved = Αποθηκεύτηκε η απάντηση { $value } για την ερώτηση { $number }. { $remaining ->
        [0] Ήταν η τελευταία: σ' ευχαριστούμε!
        [one] Απομένει μία ερώτηση.
       *[other] Απομένουν { $remaining } ερωτήσεις.
    }
pulse-saved-all = Σ' ευχαριστούμε! { $count ->
        [one] Η απάντησή σου αποθηκεύτηκε. Μπορείς να την αλλάξεις
       *[other] Αποθηκεύτηκαν και οι { $count } απαντήσεις σου. Μπορείς να τις αλλάξεις
    } μέχρι τις { $closes }.
pulse-closed = Αυτός ο γύρος της έρευνας έκλεισε στις { $closed }, οπότε δεν γίνονται πλέον δεκτές απαντήσεις. Ο επόμενος γύρος θα σου έρθει κανονικά.
pulse-none = Δεν έχεις ανοιχτή σύντομη έρευνα αυτή τη στιγμή. Η επόμενη θα έρθει σύμφωνα με το συνηθισμένο πρόγραμμα.
pulse-all-answered = Έχεις απαντήσει σε όλες τις ερωτήσεις αυτού του γύρου, σ' ευχαριστούμε! Μέχρι τις { $closes } μπορείς ακόμη να αλλάξεις μια απάντηση με τα παρακάτω κουμπιά.
pulse-answer-wrong-count = Αυτός ο γύρος έχει { $expected } { $expected ->
        [one] ερώτηση
       *[other] ερωτήσεις
    }, οπότε δώσε { $expected } { $expected ->
        [one] αριθμό
       *[other] αριθμούς
    } με τη σειρά (έδωσες { $got }). Για παράδειγμα: /pulse answer { $example }
pulse-answer-not-a-number = Το «{ $word }» δεν είναι αριθμός. Δώσε έναν αριθμό για κάθε ερώτηση, με τη σειρά.
pulse-answer-out-of-range = Η απάντηση { $position } πρέπει να είναι από { $min } έως { $max } (έδωσες { $value }).
pulse-comment-empty = Γράψε το σχόλιό σου μετά την εντολή: /pulse comment το κείμενό σου
pulse-comment-saved = Το ανώνυμο σχόλιό σου αποθηκεύτηκε. Οι προϊστάμενοι βλέπουν σχόλια μόνο από ομάδες τουλάχιστον { $k } { $k ->
        [one] ατόμου
       *[other] ατόμων
    }, ποτέ μαζί με όνομα ή ώρα.
pulse-help = Η εντολή /pulse δείχνει τις ανοιχτές ερωτήσεις σου. Με την /pulse answer 4 5 3 … απαντάς σε αυτές με τη σειρά, γράφοντας κείμενο. Με την /pulse comment … προσθέτεις ένα ανώνυμο σχόλιο. Η /pulse privacy εξηγεί τι αποθηκεύεται και ποιος βλέπει τι.
pulse-privacy-title = Πώς οι απαντήσεις σου στην έρευνα μένουν ανώνυμες
pulse-privacy-stored = Τι αποθηκεύεται: κάθε απάντηση μαζί με τον γύρο και το τμήμα σου, αλλά ποτέ το όνομα ή το αναγνωριστικό σου και ποτέ η ώρα που απάντησες. Ξεχωριστά αποθηκεύεται αν απάντησες ή όχι, μόνο για να σου σταλεί μία υπενθύμιση και για να υπολογιστεί το ποσοστό συμμετοχής.
pulse-privacy-open = Όσο ένας γύρος είναι ανοιχτός, ένας κωδικός μονής κατεύθυνσης επιτρέπει μόνο σε εσένα να βρεις και να αλλάξεις τις δικές σου απαντήσεις. Όταν ο γύρος κλείσει, ο κωδικός αυτός καταστρέφεται: από εκεί και πέρα κανείς, ούτε οι διαχειριστές ούτε εσύ, δεν μπορεί να συνδέσει μια απάντηση με ένα πρόσωπο.
pulse-privacy-who = Ποιος βλέπει τι: εσύ βλέπεις τις δικές σου απαντήσεις όσο ο γύρος είναι ανοιχτός. Οι προϊστάμενοι βλέπουν αποτελέσματα μόνο για τις δικές τους ομάδες, αφού κλείσει ο γύρος, και μόνο για ομάδες όπου { $k ->
        [one] απάντησε τουλάχιστον { $k } άτομο
       *[other] απάντησαν τουλάχιστον { $k } άτομα
    }· οι μικρότερες ομάδες συγχωνεύονται στο τμήμα στο οποίο ανήκουν, και αποκρύπτονται τα στοιχεία που θα μπορούσαν να αφαιρεθούν το ένα από το άλλο ώστε να αποκαλυφθεί μια μικρή ομάδα. Οι διαχειριστές ακολουθούν τους ίδιους κανόνες για ολόκληρη την εταιρεία. Τα σχόλια εμφανίζονται μόνο για ομάδες τουλάχιστον { $k } { $k ->
        [one] ατόμου
       *[other] ατόμων
    }, χωρίς ονόματα ή ώρες.
pulse-privacy-hidden = Ποια στοιχεία αποκρύπτονται: όταν κάποιο στοιχείο πρέπει να κρυφτεί για να προστατευτεί μια μικρή ομάδα, το bot κρύβει αυτό που στοιχίζει λιγότερο στους προϊσταμένους. Προτεραιότητα έχει η ομάδα που διευθύνει άμεσα ένας προϊστάμενος· ένα σύνολο πάνω από αυτήν (για παράδειγμα ολόκληρος ένας τομέας, που τον βλέπουν μόνο όσοι είναι από πάνω, δίπλα στο σύνολο της εταιρείας) κρύβεται στη θέση της όποτε αυτό προστατεύει εξίσου καλά τη μικρή ομάδα. Αυτό που μπορεί να υπολογιστεί δεν αλλάζει ποτέ: κανένας συνδυασμός των στοιχείων που βλέπει οποιοσδήποτε δεν αποκαλύπτει ομάδα με λιγότερα από { $k } άτομα.
pulse-privacy-never = Δεν αποθηκεύονται ποτέ: το όνομα ή το αναγνωριστικό σου δίπλα σε μια απάντηση, η ώρα που απάντησες ή κάποια σύνδεση ανάμεσα στις απαντήσεις σου από διαφορετικούς γύρους.
pulse-admin-started = Ξεκίνησε γύρος έρευνας: { $people ->
        [one] προσκλήθηκε { $people } άτομο
       *[other] προσκλήθηκαν { $people } άτομα
    }, { $questions } { $questions ->
        [one] ερώτηση
       *[other] ερωτήσεις
    }. Κλείνει στις { $closes }.
pulse-admin-no-people = Δεν υπάρχει ακόμη κανένα ενεργό άτομο για να ερωτηθεί. Εισήγαγε πρώτα το οργανόγραμμα.
pulse-admin-status = Τελευταίος γύρος (άνοιξε στις { $opened }): παραδόθηκε σε { $delivered } από { $invited }, απαντήσεις: { $responded } ({ $rate }%). { $state }
pulse-admin-state-open = Κλείνει στις { $closes }.
pulse-admin-state-closed = Έκλεισε στις { $closes }.
pulse-admin-status-none = Δεν έχει σταλεί ακόμη κανένας γύρος έρευνας. Ξεκίνα έναν τώρα με /ambassador pulse start ή περίμενε το πρόγραμμα.
admin-help-pulse = Η εντολή /ambassador pulse start στέλνει τώρα έναν γύρο έρευνας σε όλους. Η εντολή /ambassador pulse status δείχνει το ποσοστό συμμετοχής του τελευταίου γύρου (ποτέ ποιος απάντησε τι).

## Σύνοψη δέσμευσης

engagement-title = Σύνοψη δέσμευσης, { $week }
engagement-not-manager = Τα αποτελέσματα των ομάδων είναι για προϊσταμένους και διαχειριστές. Οι δικές σου απαντήσεις μένουν δικές σου: δες /pulse privacy.
engagement-org-name = Ολόκληρος ο οργανισμός
engagement-team-score = Δέσμευση
engagement-team-response = Ποσοστό συμμετοχής
engagement-team-enps = eNPS
engagement-change = { $change } από τον προηγούμενο γύρο
engagement-rising = Σε άνοδο: { $drivers }
engagement-falling = Σε πτώση: { $drivers }
engagement-rolled-up = Απάντησαν λιγότερα από { $k } { $k ->
        [one] άτομο
       *[other] άτομα
    }, οπότε οι απαντήσεις τους υπολογίζονται στο τμήμα { $parent }.
engagement-rolled-up-nowhere = Απάντησαν λιγότερα από { $k } { $k ->
        [one] άτομο
       *[other] άτομα
    }, οπότε δεν εμφανίζονται στοιχεία.
engagement-suppressed = Αποκρύπτεται σε αυτόν τον γύρο: αν εμφανιζόταν, τα στοιχεία μιας μικρότερης ομάδας θα μπορούσαν να υπολογιστούν από τα υπόλοιπα νούμερα.
engagement-not-asked = Κανείς σε αυτή την ομάδα δεν ερωτήθηκε στον τελευταίο γύρο.
engagement-no-rounds = Δεν έχει κλείσει ακόμη κανένας γύρος έρευνας: τα στοιχεία θα εμφανιστούν μόλις κλείσει ο πρώτος.
engagement-team-kudos = Εύσημα αυτή την εβδομάδα
engagement-team-kudos-value = { $given } δόθηκαν, { $received } ελήφθησαν
engagement-matrix-title = Αναγνώριση μεταξύ τμημάτων αυτή την εβδομάδα
engagement-matrix-line = { $from } → { $to }: { $count }
engagement-kudos-title = Εύσημα που έλαβαν τα μέλη της ομάδας σου αυτή την εβδομάδα
engagement-kudos-line = { $from } → { $to }:
engagement-kudos-none = Κανένα εύσημο για τα μέλη της ομάδας σου αυτή την εβδομάδα. Μια καλή αρχή είναι να δώσεις εσύ εύσημα σε κάποιον: /kudos
engagement-kudos-cross = { $count ->
        [one] Ένα από αυτά ήρθε από άλλο τμήμα.
       *[other] { $count } από αυτά ήρθαν από άλλα τμήματα.
    }
engagement-narrative = { $read } από { $people } { $people ->
        [one] μέλος
       *[other] μέλη
    } της ομάδας σου { $read ->
        [one] έχει
       *[other] έχουν
    } επιβεβαιώσει ότι διάβασαν το τρέχον αφήγημα για τον πελάτη (έκδοση { $version }).
engagement-comments-title = Ανώνυμα σχόλια
engagement-chart-alt = Η δέσμευση των ομάδων σου { $count ->
        [one] στον τελευταίο γύρο
       *[other] στους τελευταίους { $count } γύρους
    }
engagement-chart-title = Δέσμευση ανά γύρο
help-engagement = /engagement — για προϊσταμένους: η πιο πρόσφατη σύνοψη δέσμευσης των ομάδων σου.
help-engagement-web = /engagement web — ιδιωτικός σύνδεσμος που σε συνδέει στον πίνακα στο διαδίκτυο.
driver-recognition = Αναγνώριση
driver-feedback = Ανατροφοδότηση
driver-manager = Σχέση με την ηγεσία της ομάδας
driver-peers = Σχέσεις με συναδέλφους
driver-narrative = Αφήγημα για τον πελάτη
driver-ambassadorship = Πρεσβευτικός ρόλος
driver-empowerment = Ενδυνάμωση
driver-growth = Εξέλιξη
driver-wellbeing = Ευεξία
driver-satisfaction = Ικανοποίηση
driver-enps = eNPS

## Ειδοποιήσεις πτώσης

alert-title = Ειδοποίηση δέσμευσης: { $team }
alert-body = Ο δείκτης «{ $series }» έπεσε από { $baseline } σε { $current } ({ $fall }) από τις { $since }. Κάθε φορά { $k ->
        [one] απάντησε τουλάχιστον { $k } άτομο
       *[other] απάντησαν τουλάχιστον { $k } άτομα
    }, άρα πρόκειται για πραγματική αλλαγή στην ομάδα και όχι για ένα μόνο άτομο.
alert-suggest-engagement = Η δέσμευση σημείωσε πτώση σε όλους τους τομείς. Στην επόμενη συνάντηση ρώτα την ομάδα τι έγινε πιο δύσκολο τελευταία και απομάκρυνε ένα εμπόδιο μέσα σε αυτή την εβδομάδα.
alert-suggest-recognition = Η αναγνώριση σημείωσε πτώση: αυτή την εβδομάδα ευχαρίστησε δημόσια κάποιον από την ομάδα για μια συγκεκριμένη πράξη με επίκεντρο τον πελάτη (/kudos).
alert-suggest-feedback = Η ανατροφοδότηση σημείωσε πτώση: αυτή την εβδομάδα δώσε σε κάθε άτομο ένα συγκεκριμένο σχόλιο για την πρόσφατη δουλειά του.
alert-suggest-manager = Η σχέση με εσένα ως επικεφαλής σημείωσε πτώση: κλείσε μια σύντομη ατομική συνάντηση με κάθε άτομο και κυρίως άκου.
alert-suggest-peers = Οι σχέσεις μεταξύ συναδέλφων σημείωσαν πτώση: αυτή την εβδομάδα βάλε άτομα από διαφορετικά κομμάτια της ομάδας να δουλέψουν σε ζευγάρια πάνω σε ένα πρόβλημα πελάτη.
alert-suggest-narrative = Η ευθυγράμμιση με το αφήγημα για τον πελάτη σημείωσε πτώση: άνοιξε την επόμενη συνάντηση της ομάδας με μια ιστορία όπου τηρήθηκε η υπόσχεσή μας (/narrative).
alert-suggest-ambassadorship = Ο πρεσβευτικός ρόλος σημείωσε πτώση: ρώτα τι θα έκανε την ομάδα να μας συστήνει με περισσότερη περηφάνια και μετάφερε μία πρόταση στην ομάδα προϊόντος.
alert-suggest-empowerment = Η ενδυνάμωση σημείωσε πτώση: συμφώνησε με την ομάδα σε μία απόφαση για έναν πελάτη που μπορεί να παίρνει χωρίς να σε ρωτά πρώτα.
alert-suggest-growth = Η εξέλιξη σημείωσε πτώση: ρώτα κάθε άτομο τι θέλει να μάθει στη συνέχεια και βρείτε μαζί ένα πρώτο βήμα μέσα σε αυτόν τον μήνα.
alert-suggest-wellbeing = Η ευεξία σημείωσε πτώση: έλεγξε με ειλικρίνεια τον φόρτο εργασίας και αφαίρεσε κάτι από τις υποχρεώσεις της ομάδας αυτή την εβδομάδα.
alert-suggest-satisfaction = Η ικανοποίηση σημείωσε πτώση: ρώτα την ομάδα ποια μία αλλαγή θα έκανε τη μεγαλύτερη διαφορά και κάν' την.
alert-suggest-enps = Το eNPS σημείωσε πτώση: ρώτα τι θα έκανε τους ανθρώπους να προτείνουν την εταιρεία ως χώρο εργασίας και δράσε με βάση την πιο συχνή απάντηση.
alert-suggest-response-rate = Απαντούν λιγότερα άτομα: θύμισε στην ομάδα ότι οι απαντήσεις είναι ανώνυμες (/pulse privacy) και δείξε τι άλλαξε μετά τον προηγούμενο γύρο.
alert-suggest-kudos = Η δραστηριότητα με εύσημα σημείωσε πτώση: αυτή την εβδομάδα δώσε εσύ εύσημα για μια πράξη με επίκεντρο τον πελάτη· η ομάδα ακολουθεί το παράδειγμα που δίνεις (/kudos).
alert-plan-button = Σχεδίασε μια ενέργεια
alert-plan-prompt = Τι θα κάνεις γι' αυτό; Απάντησε με /engagement plan { $id } και μια σύντομη πρόταση, για παράδειγμα: /engagement plan { $id } ατομικές συναντήσεις με όλους αυτή την εβδομάδα
alert-plan-saved = Καταγράφηκε. Οι επόμενες συνόψεις σου θα δείχνουν «{ $action }» δίπλα στην εξέλιξη του δείκτη «{ $series }».
alert-plan-unknown = Δεν υπάρχει ειδοποίηση { $id } για τις ομάδες που έχεις υπό την ευθύνη σου.
alert-plan-empty = Γράψε τι θα κάνεις μετά τον αριθμό: /engagement plan { $id } το σχέδιό σου
alert-plan-too-long = Κράτησε το σχέδιο έως { $max } χαρακτήρες (αυτό έχει { $actual }): οι αναφορές το παραθέτουν δίπλα στον δείκτη. Δεν αποθηκεύτηκε τίποτα.
engagement-alerts-title = Πτώσεις που επισημάνθηκαν
engagement-alert-line = { $team }: ο δείκτης «{ $series }» έπεσε από { $baseline } σε { $current } από τις { $since }.
engagement-alert-action = Η ενέργειά σου: «{ $action }». Τώρα { $now }: { $state }.
engagement-alert-recovered = ανέκαμψε
engagement-alert-not-recovered = δεν έχει ανακάμψει ακόμη
engagement-alert-no-action = Δεν έχει καταγραφεί ακόμη ενέργεια: /engagement plan { $id } …
series-engagement = Δέσμευση
series-response-rate = Ποσοστό συμμετοχής
series-kudos = Εύσημα που λήφθηκαν

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
import-problem-bad-discord-id = το «{ $id }» στη στήλη discord_id δεν είναι αναγνωριστικό χρήστη Discord (17 έως 20 ψηφία: στο Discord ενεργοποίησε το Developer Mode και κάνε δεξί κλικ στο άτομο → Copy User ID)
import-problem-duplicate-discord-id = το αναγνωριστικό Discord { $id } υπάρχει ήδη στη γραμμή { $first }

## Κονσόλα

console-banner = Κονσόλα ambassador: τοπική συνομιλία με το bot. Πληκτρολόγησε /help για τις εντολές του bot και /console για τις εντολές της κονσόλας.
console-help-title = Εντολές κονσόλας
console-help = /as <handle> — μίλα ως κάποιος άλλος (το μέρος του email πριν από το @)
    /who — λίστα με τα άτομα ως τα οποία μπορείς να μιλήσεις
    /click <id> — πάτα ένα κουμπί, π.χ. /click b3
    /home — η αρχική σας σελίδα: αφήγημα, ανοιχτό pulse, kudos και, για managers, τα στοιχεία των ομάδων (το App Home του Slack)
    /cancel — ακύρωση μιας φόρμας που συμπληρώνετε (οι φόρμες ανοίγουν από το /kudos και τα κουμπιά kudos και σχολίου)
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
console-form-title = Φόρμα: { $title }
console-form-how = Απαντήστε σε κάθε πεδίο σε δική του γραμμή· μια κενή γραμμή κρατά ό,τι φαίνεται. Το /cancel ακυρώνει τη φόρμα· μετά το τελευταίο πεδίο αποστέλλεται ({ $submit }).
console-form-people = Γράψτε άτομα με το όνομα χρήστη, π.χ. @dev @eleni.
console-form-keep = Κενή γραμμή κρατά: { $value }
console-form-optional = Προαιρετικό: μια κενή γραμμή το παραλείπει.
console-form-cancelled = Η φόρμα ακυρώθηκε· δεν στάλθηκε τίποτα.
console-updated = ↻ Το μήνυμα με το [{ $id }] δείχνει τώρα την επιλογή σας: { $label } ✓
console-home = αρχική σελίδα του/της { $name }
console-multiline-hint = (Γράψε το κείμενο στις επόμενες γραμμές· τελείωσε με μια γραμμή που περιέχει μόνο μια τελεία.)
console-demo-ready = Ο οργανισμός επίδειξης είναι έτοιμος: { $people } { $people ->
        [one] άτομο
       *[other] άτομα
    } σε { $departments } { $departments ->
        [one] τμήμα
       *[other] τμήματα
    }. Δοκίμασε: /as { $handle }

## Pulse comments and the home page
pulse-comment-button = Προσθήκη σχολίου
pulse-comment-how = Για να προσθέσετε ανώνυμο σχόλιο, γράψτε /pulse comment και μετά το κείμενό σας.
home-title = Γεια σας { $name }, αυτή είναι η σελίδα σας στο ambassador
home-give-kudos = Δώστε kudos
home-pulse = Το pulse σας
home-teams = Οι ομάδες σας
home-footer = Η σελίδα ανανεώνεται κάθε φορά που την ανοίγετε. Γράψτε /help σε οποιαδήποτε συνομιλία για όλες τις εντολές.

## Slack forms and reactions
form-kudos-title = Δώστε kudos
form-kudos-people = Ποιον θέλετε να ευχαριστήσετε;
form-kudos-message = Τι έκανε για έναν πελάτη;
form-kudos-message-hint = Τουλάχιστον { $min } χαρακτήρες. Θα το δουν όλοι στο #{ $channel }.
form-kudos-value = Ποια αξία έδειξε;
form-kudos-value-placeholder = Επιλέξτε αξία (προαιρετικά)
form-submit = Αποστολή
form-cancel = Ακύρωση
form-comment-title = Ανώνυμο σχόλιο
form-comment-label = Τι έχετε στο μυαλό σας;
form-comment-hint = Το σχόλιό σας αποθηκεύεται χωρίς το όνομά σας και εμφανίζεται μόνο σε ομάδες αρκετά μεγάλες ώστε να μένετε ανώνυμοι.
form-missing-kudos_people = Επιλέξτε τουλάχιστον ένα άτομο.
form-missing-kudos_message = Γράψτε τι έκανε.
form-missing-pulse_comment = Γράψτε ένα σχόλιο ή πατήστε Ακύρωση.
slack-reaction-kudos = :{ $emoji }: για αυτό το μήνυμα: { $link }
slack-reaction-kudos-nolink = :{ $emoji }: για ένα μήνυμα που έκανε τη διαφορά για έναν πελάτη
teams-app-description-short = Έρευνες, έπαινοι και η υπόσχεσή μας στους πελάτες, στο Teams.
teams-app-description-full = Το Ambassador κάνει την καθημερινή δουλειά συνηγορία για τον πελάτη. Απαντήστε σε μια σύντομη έρευνα με ένα πάτημα (ανώνυμα εκ κατασκευής), ευχαριστήστε συναδέλφους για δουλειά με επίκεντρο τον πελάτη με επαίνους και τις αξίες μας, διαβάστε την αφήγηση για τον πελάτη που μοιράζονται όλοι και, ως προϊστάμενος, λάβετε μια εβδομαδιαία σύνοψη δέσμευσης που δεν αποκαλύπτει ποτέ ομάδα πολύ μικρή για να μείνει ανώνυμη.
teams-command-help = Τι μπορώ να κάνω και πώς να μου το ζητήσετε.
teams-command-kudos = kudos @όνομα τι έκανε #αξία: ευχαριστήστε έναν συνάδελφο.
teams-command-pulse = Η σύντομη έρευνά σας: απαντήστε ή αλλάξτε τις απαντήσεις σας.
teams-command-narrative = Η αφήγησή μας για τον πελάτη: η υπόσχεση που δίνουμε.
teams-command-engagement = Για προϊσταμένους: η τελευταία σύνοψη δέσμευσης των ομάδων σας.
teams-command-ambassador = Διαχείριση (μόνο για διαχειριστές): ambassador help.
teams-press-pending = Το έλαβα. Το επεξεργάζομαι ακόμη· η απάντηση θα έρθει σε μήνυμα.

## Discord: περιγραφές εντολών (έως 100 χαρακτήρες) και απαντήσεις
discord-command-kudos = Ευχαρίστησε έναν συνάδελφο για κάτι που έκανε για έναν πελάτη.
discord-option-kudos-user = Ποιον ευχαριστείς.
discord-option-kudos-message = Τι έκανε (άφησέ το κενό για να το γράψεις σε φόρμα).
discord-option-kudos-value = Η αξία της εταιρείας που δείχνει.
discord-option-kudos-more = Κάποιον ακόμη να ευχαριστήσεις.
discord-command-kudos-stats = Τα kudos που έδωσες και έλαβες.
discord-command-pulse = Το pulse σου: απάντησε, άλλαξε απαντήσεις ή δες πώς προστατεύεται το απόρρητο.
discord-option-pulse-text = Προαιρετικά: privacy, comment <κείμενο>, answer 4 5 3, help.
discord-command-narrative = Το αφήγημά μας για τον πελάτη: η υπόσχεση που δίνουμε.
discord-command-engagement = Για managers: η τελευταία σύνοψη engagement των ομάδων σου.
discord-option-engagement-text = Προαιρετικά: plan <αριθμός ειδοποίησης> <τι θα κάνεις>.
discord-command-ambassador = Διαχείριση (μόνο για διαχειριστές).
discord-option-ambassador-text = Τι να γίνει, π.χ. help, pulse start, kudos values.
discord-still-working = Το έλαβα. Το επεξεργάζομαι ακόμη· η απάντηση θα εμφανιστεί εδώ.
discord-unknown-people = Δεν βρίσκω { $names } στον κατάλογο. Γράψε το όνομα χρήστη τους στο Discord ή διάλεξέ τους με το /kudos.
discord-form-too-late = Άργησα πολύ να ανοίξω τη φόρμα. Εκτέλεσε ξανά την εντολή.
discord-no-guild = Απαντώ στους servers όπου έχω προστεθεί: χρησιμοποίησέ με εκεί.
