# Ο πίνακας στο διαδίκτυο: οι σελίδες του διαχειριστή.

web-admin-nav-label = Σελίδες διαχείρισης
web-admin-yes = ναι
web-admin-no = όχι
web-admin-language-en = Αγγλικά
web-admin-language-el = Ελληνικά
web-admin-language-pl = Πολωνικά
web-admin-linked-of = { $linked } από { $active } ενεργά άτομα έχουν συνδεθεί με λογαριασμό συνομιλίας.

## Επισκόπηση
web-admin-overview-title = Διαχείριση
web-admin-overview-figures = Με μια ματιά
web-admin-overview-people = Άτομα
web-admin-overview-narrative-label = Αφήγημα για τον πελάτη
web-admin-overview-version = Σε ισχύ η έκδοση { $version }
web-admin-overview-no-narrative = Δεν έχει δημοσιευτεί ακόμη
web-admin-overview-outbox = Μηνύματα προς αποστολή
web-admin-overview-outbox-waiting = { $count ->
    [one] { $count } μήνυμα σε αναμονή
   *[other] { $count } μηνύματα σε αναμονή
}
web-admin-overview-pages = Σελίδες
web-admin-overview-org = ανέβασε το οργανόγραμμα και δες ποιοι έχουν συνδεθεί με λογαριασμό συνομιλίας.
web-admin-overview-narrative = επεξεργάσου το αφήγημα σε κάθε γλώσσα, δες την προεπισκόπηση και δημοσίευσε νέα έκδοση.
web-admin-overview-questions = η τράπεζα ερωτήσεων, ενσωματωμένες και δικές σας ερωτήσεις.
web-admin-overview-settings = τα χρονοδιαγράμματα και το ελάχιστο μέγεθος ομάδας σε ισχύ.
web-admin-overview-platforms = οι πλατφόρμες συνομιλίας όπου είναι εγκατεστημένο το bot και ό,τι περιμένει να σταλεί.
web-admin-export-title = Εξαγωγή των στοιχείων
web-admin-export-lead = Τα στοιχεία κάθε ομάδας ανά γύρο, όπως τα γράφει το ambassador export: οι ομάδες κάτω από το ελάχιστο μέγεθος εμφανίζονται χωρίς αριθμούς. Άφησε τις ημερομηνίες κενές για όλους τους γύρους.
web-admin-export-from = Γύροι που άνοιξαν από (προαιρετικό)
web-admin-export-to = Γύροι που άνοιξαν πριν από (προαιρετικό)
web-admin-export-button = Λήψη CSV
web-admin-export-bad-date = Δεν εξήχθη τίποτα: η ημερομηνία γράφεται ως έτος-μήνας-ημέρα, για παράδειγμα 2026-03-01.

## Οργανόγραμμα και άτομα
web-admin-org-title = Οργανισμός
web-admin-import-title = Ανέβασμα του οργανογράμματος
web-admin-import-lead = Ένα αρχείο CSV με ένα άτομο σε κάθε γραμμή. Η πρώτη γραμμή πρέπει να ονομάζει τις στήλες (η active είναι προαιρετική):
web-admin-import-file = Αρχείο οργανογράμματος (CSV)
web-admin-import-button = Έλεγχος και εισαγωγή
web-admin-import-done = Εισήχθησαν { $people } άτομα ({ $created } νέα, { $updated } ενημερωμένα) σε { $departments } τμήματα.
web-admin-import-failed = Δεν εισήχθη τίποτα: { $count ->
    [one] το αρχείο έχει ένα πρόβλημα. Διόρθωσέ το και ανέβασε ξανά το αρχείο.
   *[other] το αρχείο έχει { $count } προβλήματα. Διόρθωσέ τα και ανέβασε ξανά το αρχείο.
}
web-admin-import-not-utf8 = Το αρχείο δεν είναι κείμενο UTF-8. Στο υπολογιστικό φύλλο, αποθήκευσέ το ως «CSV UTF-8».
web-admin-import-unreadable = Δεν ήταν δυνατό να διαβαστεί το αρχείο που ανέβηκε. Διάλεξε ξανά το αρχείο και πάτησε «Έλεγχος και εισαγωγή».
web-admin-import-too-large = Το αρχείο είναι μεγαλύτερο από { $megabytes } MB.
web-admin-people-title = Άτομα
web-admin-people-search = Αναζήτηση με όνομα ή email
web-admin-people-unlinked-only = Μόνο όσοι δεν έχουν συνδεθεί με λογαριασμό συνομιλίας
web-admin-people-filter = Εμφάνιση
web-admin-people-clear = Εμφάνιση όλων
web-admin-people-matching = { $count ->
    [one] Ταιριάζει ένα άτομο.
   *[other] Ταιριάζουν { $count } άτομα.
}
web-admin-people-caption = Άτομα, σελίδα { $page } από { $pages }
web-admin-people-name = Όνομα
web-admin-people-email = Email
web-admin-people-department = Τμήμα
web-admin-people-manager = Προϊστάμενος/η
web-admin-people-language = Γλώσσα
web-admin-people-admin = Διαχειριστής
web-admin-people-active = Ενεργό
web-admin-people-chat = Λογαριασμός συνομιλίας
web-admin-people-linked = συνδεδεμένος
web-admin-people-not-linked = μη συνδεδεμένος
web-admin-people-none = Δεν ταιριάζει κανείς.
web-admin-pages-label = Σελίδες του πίνακα ατόμων
web-admin-page-previous = Προηγούμενη σελίδα
web-admin-page-next = Επόμενη σελίδα
web-admin-page-of = Σελίδα { $page } από { $pages }

## Αφήγημα
web-admin-narrative-title = Αφήγημα για τον πελάτη
web-admin-narrative-languages = Γλώσσες
web-admin-narrative-version = Έκδοση { $version }, δημοσιεύτηκε στις { $date }.
web-admin-narrative-acks = Την έχουν επιβεβαιώσει { $count } από { $active } ενεργά άτομα.
web-admin-narrative-none = Δεν έχει δημοσιευτεί ακόμη αφήγημα.
web-admin-narrative-no-text = Δεν υπάρχει ακόμη κείμενο στα { $language }: όσοι διαβάζουν { $language } βλέπουν το αγγλικό.
web-admin-narrative-edit-title = Το κείμενο στα { $language }
web-admin-narrative-text = Το αφήγημα στα { $language }
web-admin-narrative-help = Ξεκίνα με «# » και τον τίτλο και γράψε την υπόσχεση στις επόμενες γραμμές. Κάθε γραμμή «## » ξεκινά μια ενότητα με το κείμενό της από κάτω· οι γραμμές «- #αξία: τι σημαίνει» απαριθμούν τις αξίες. Η δημοσίευση δημιουργεί νέα έκδοση για αυτή τη γλώσσα και αφήνει τις άλλες γλώσσες όπως είναι.
web-admin-narrative-preview = Προεπισκόπηση
web-admin-narrative-publish = Δημοσίευση ως νέα έκδοση
web-admin-narrative-preview-title = Προεπισκόπηση
web-admin-narrative-preview-note = Έτσι θα το δουν οι άνθρωποι στη συνομιλία. Δεν έχει αποθηκευτεί τίποτα ακόμη.
web-admin-narrative-published = Δημοσιεύτηκε η έκδοση { $version } στα { $language }. Όλοι θα κληθούν να τη διαβάσουν ξανά.
web-admin-narrative-not-saved = Δεν αποθηκεύτηκε τίποτα:
web-admin-narrative-empty = Το κείμενο είναι κενό. Γράψε το αφήγημα: μια γραμμή τίτλου με «# » και μετά την υπόσχεση.

## Ερωτήσεις
web-admin-questions-title = Ερωτήσεις
web-admin-questions-summary = Η τράπεζα έχει { $count } ερωτήσεις: { $builtin } ενσωματωμένες και { $custom } δικές σας. Κάθε γύρος ρωτά { $per_round } από αυτές.
web-admin-questions-bank = Η τράπεζα ερωτήσεων ανά παράγοντα
web-admin-questions-id = Κωδικός
web-admin-questions-text = Ερώτηση
web-admin-questions-other-languages = Άλλες γλώσσες
web-admin-questions-scale = Κλίμακα
web-admin-questions-origin = Προέλευση
web-admin-questions-builtin = ενσωματωμένη
web-admin-questions-reworded = ενσωματωμένη, με νέα διατύπωση στις ρυθμίσεις
web-admin-questions-custom = δική σας
web-admin-questions-falls-back = καμία: εμφανίζεται το αγγλικό κείμενο
web-admin-scale-agreement = 1 έως 5, από διαφωνώ έως συμφωνώ
web-admin-scale-zero-to-ten = 0 έως 10, πόσο πιθανό
web-admin-questions-adding = Προσθήκη ερώτησης
web-admin-questions-adding-how = Οι δικές σας ερωτήσεις προστίθενται στο αρχείο ρυθμίσεων ως καταχώριση [[pulse.custom_questions]], όπως η παρακάτω, και ισχύουν μόλις ξεκινήσει ξανά ο διακομιστής. Το αγγλικό κείμενο είναι υποχρεωτικό· τα ελληνικά και τα πολωνικά καταφεύγουν σε αυτό. Μια ερώτηση με κωδικό ενσωματωμένης ερώτησης αντικαθιστά το κείμενό της και κρατά το ιστορικό της.
web-admin-questions-read-only = Αυτή η σελίδα δείχνει την τράπεζα σε ισχύ· αλλάζει μόνο από τις ρυθμίσεις.

## Ρυθμίσεις
web-admin-settings-title = Ρυθμίσεις
web-admin-settings-zone = Η ζώνη ώρας του οργανισμού είναι { $timezone } και η γλώσσα του { $language }. Οι ώρες παρακάτω είναι στο δικό του ρολόι.
web-admin-settings-schedules = Χρονοδιαγράμματα
web-admin-settings-what = Τι
web-admin-settings-expression = Χρονοδιάγραμμα (δευτερόλεπτα, λεπτά, ώρες, ημέρα, μήνας, ημέρα εβδομάδας)
web-admin-settings-next = Επόμενη φορά
web-admin-settings-never = ποτέ
web-admin-settings-pulse = Γύροι pulse
web-admin-settings-pulse-about = Στέλνονται σε αυτή την τοπική ώρα, στη ζώνη ώρας του καθενός.
web-admin-settings-digest = Εβδομαδιαία σύνοψη για τους προϊσταμένους
web-admin-settings-digest-about = Στέλνεται σε αυτή την τοπική ώρα, στη ζώνη ώρας κάθε προϊσταμένου.
web-admin-settings-moment = Στιγμές από το αφήγημα
web-admin-settings-moment-about = Δημοσιεύονται στο #{ $channel } σε αυτή την ώρα, στη ζώνη ώρας του οργανισμού.
web-admin-settings-rounds = Γύροι pulse
web-admin-settings-window = Οι απαντήσεις γίνονται δεκτές για
web-admin-settings-reminder = Η υπενθύμιση στέλνεται μετά από
web-admin-settings-per-round = Ερωτήσεις ανά γύρο
web-admin-settings-hours = { $hours ->
    [one] { $hours } ώρα
   *[other] { $hours } ώρες
}
web-admin-settings-k-title = Ελάχιστο μέγεθος ομάδας (k)
web-admin-settings-k = k = { $k }
web-admin-settings-k-about = Τα αποτελέσματα μιας ομάδας εμφανίζονται μόνο όταν απάντησαν τουλάχιστον { $k } άτομα. Μια μικρότερη ομάδα ενσωματώνεται στην ομάδα από πάνω της ή παραλείπεται, ώστε καμία απάντηση να μην μπορεί να ξεχωρίσει σε αναφορά, σύνοψη ή εξαγωγή.
web-admin-settings-how-to-change = Αυτές οι τιμές έρχονται από το αρχείο ρυθμίσεων ([pulse] και [narrative]) και αλλάζουν όταν ξεκινήσει ξανά ο διακομιστής.

## Πλατφόρμες
web-admin-platforms-title = Πλατφόρμες
web-admin-platforms-connections = Συνδέσεις
web-admin-platforms-connections-lead = Οι χώροι εργασίας, οι μισθωτές και οι διακομιστές όπου είναι εγκατεστημένο το bot, ανά πλατφόρμα συνομιλίας.
web-admin-platforms-platform = Πλατφόρμα
web-admin-platforms-org = Όνομα
web-admin-platforms-org-id = Κωδικός στην πλατφόρμα
web-admin-platforms-zone = Ζώνη ώρας και γλώσσα
web-admin-platforms-served = Εξυπηρετείται από αυτόν τον διακομιστή
web-admin-platforms-no-orgs = δεν έχει εγκατασταθεί πουθενά ακόμη
web-admin-platforms-backlog = Σε αναμονή στο relay
web-admin-platforms-backlog-lead = Μηνύματα που περιμένουν να σταλούν (εξερχόμενα) και αιτήματα ανθρώπων που περιμένουν επεξεργασία (εισερχόμενα), καθώς και όσα εγκαταλείφθηκαν τις τελευταίες { $days } ημέρες.
web-admin-platforms-outbox-waiting = Μηνύματα σε αναμονή
web-admin-platforms-oldest = Το παλαιότερο περιμένει
web-admin-platforms-outbox-failed = Μηνύματα που εγκαταλείφθηκαν
web-admin-platforms-inbox-waiting = Αιτήματα σε αναμονή
web-admin-platforms-inbox-failed = Αιτήματα που απέτυχαν
web-admin-age-minutes = { $count ->
    [one] { $count } λεπτό
   *[other] { $count } λεπτά
}
web-admin-age-hours = { $count ->
    [one] { $count } ώρα
   *[other] { $count } ώρες
}
web-admin-age-days = { $count ->
    [one] { $count } ημέρα
   *[other] { $count } ημέρες
}
