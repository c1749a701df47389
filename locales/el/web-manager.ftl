# The web dashboard: the manager's pages.

## The list of teams
web-team-list-title = Οι ομάδες μου
web-team-list-intro = Άνοιξε μια ομάδα για να δεις τους γύρους του τελευταίου έτους, τους παράγοντες, τις πτώσεις που επισημάνθηκαν και τα kudos που έλαβαν τα μέλη της. Τα στοιχεία εμφανίζονται μόνο όταν απάντησαν τουλάχιστον { $k } άτομα.
web-team-list-caption = Οι ομάδες σου στον πιο πρόσφατο γύρο ({ $round })
web-team-list-caption-no-rounds = Οι ομάδες σου (δεν έχει κλείσει ακόμη κανένας γύρος)
web-team-list-team = Ομάδα
web-team-list-not-manager = Τα αποτελέσματα ομάδων είναι για όσους ηγούνται μιας ομάδας και για τους διαχειριστές. Η δική σου σελίδα δείχνει την αφήγηση για τον πελάτη, το pulse σου και τα kudos σου.
web-team-list-own-page = Στη σελίδα μου

## One team
web-team-back = ← Όλες οι ομάδες μου
web-team-intro = Οι τελευταίοι { $count } γύροι. Ένα στοιχείο εμφανίζεται μόνο όταν απάντησαν τουλάχιστον { $k } άτομα· οι υπόλοιποι γύροι λένε γιατί είναι κρυφοί.
web-team-no-rounds = Δεν έχει κλείσει ακόμη κανένας γύρος.
web-team-score-title = Δείκτης δέσμευσης
web-team-chart-summary = { $series } στους τελευταίους { $count } γύρους: { $latest } στον { $round }, χαμηλότερο { $low }, υψηλότερο { $high }· { $hidden ->
        [one] 1 γύρος κρυφός.
       *[other] { $hidden } γύροι κρυφοί.
    }
web-team-chart-empty = { $series } στους τελευταίους { $count } γύρους: κανένας γύρος δεν μπορεί να εμφανιστεί.
web-team-chart-hidden-note = Οι γκρίζες στήλες είναι γύροι όπου απάντησαν λιγότερα από { $k } άτομα: εκεί τα στοιχεία της ομάδας είναι κρυφά, γι' αυτό η γραμμή διακόπτεται.
web-team-drivers-title = Παράγοντες ανά γύρο
web-team-drivers-none = Κανένας παράγοντας δεν μπορεί να εμφανιστεί ακόμη: σε κάθε γύρο απάντησαν λιγότερα από { $k } άτομα.
web-team-heat-intro = Κάθε κελί δείχνει τον μέσο όρο του παράγοντα σε κλίμακα 1 έως 5, γραμμένο μέσα στο κελί· το χρώμα πηγαίνει από κόκκινο (χαμηλά) σε πράσινο (ψηλά). Κύλισε οριζόντια για παλαιότερους γύρους.
web-team-heat-legend = Υπόμνημα
web-team-heat-not-asked = δεν ρωτήθηκε σε εκείνον τον γύρο
web-team-heat-hidden = κρυφό: απάντησαν λιγότερα από { $k } άτομα
web-team-heat-caption = Ο μέσος όρος κάθε παράγοντα (1 έως 5) σε καθέναν από τους τελευταίους { $count } γύρους, από τον πιο πρόσφατο
web-team-driver = Παράγοντας
web-team-participation-title = Ποσοστό απόκρισης και eNPS
web-team-enps = eNPS
web-team-enps-note = Το eNPS κυμαίνεται από -100 έως +100: το ποσοστό όσων θα πρότειναν τη δουλειά εδώ μείον το ποσοστό όσων δεν θα την πρότειναν.
web-team-enps-none = Το eNPS δεν ρωτήθηκε σε αυτούς τους γύρους ή το απάντησαν λιγότερα από { $k } άτομα.
web-team-rounds-title = Γύρος προς γύρο
web-team-rounds-caption = Οι τελευταίοι { $count } γύροι, από τον πιο πρόσφατο
web-team-round = Γύρος
web-team-opened = Άνοιξε
web-team-answered = Απάντησαν
web-team-rolled-up = Κρυφό: απάντησαν λιγότερα από { $k } άτομα, οπότε οι απαντήσεις τους μετρούν στο σύνολο «{ $parent }».
web-team-rolled-up-nowhere = Κρυφό: απάντησαν λιγότερα από { $k } άτομα.
web-team-suppressed = Κρυφό, ώστε να μην μπορούν να συναχθούν από αυτό οι απαντήσεις μιας μικρότερης ομάδας.
web-team-not-asked = Κανείς στην ομάδα δεν ρωτήθηκε σε αυτόν τον γύρο.

## Drops
web-team-drops-title = Πτώσεις που επισημάνθηκαν
web-team-drops-none = Δεν επισημάνθηκε καμία πτώση σε αυτή την ομάδα τον τελευταίο χρόνο.
web-team-drop-line = Έπεσε από { $baseline } σε { $flagged } από τις { $since }.
web-team-drop-recovered = Τώρα { $now }: ανέκαμψε.
web-team-drop-not-recovered = Τώρα { $now }: δεν έχει ανακάμψει ακόμη.
web-team-drop-now-hidden = Το πού βρίσκεται τώρα δεν μπορεί να εμφανιστεί στον πιο πρόσφατο γύρο.
web-team-drop-plan = Σχεδιασμένη ενέργεια:
web-team-drop-no-plan = καμία ακόμη
web-team-drop-write = Τι θα κάνεις γι' αυτό;
web-team-drop-edit = Άλλαξε το σχέδιο
web-team-drop-hint = Μία ή δύο προτάσεις, έως { $max } χαρακτήρες. Οι αναφορές σου το δείχνουν δίπλα στην εξέλιξη του δείκτη.
web-team-drop-save = Αποθήκευση σχεδίου
web-team-drop-saved = Αποθηκεύτηκε. Οι αναφορές σου θα δείχνουν αυτό το σχέδιο δίπλα στον δείκτη.
web-team-drop-empty = Γράψε τι θα κάνεις πριν την αποθήκευση: το σχέδιο ήταν κενό, οπότε δεν αποθηκεύτηκε τίποτα.
web-team-drop-too-long = Το σχέδιο έχει { $actual } χαρακτήρες· κράτησέ το έως { $max }. Δεν αποθηκεύτηκε τίποτα.

## Kudos, recognition, narrative, comments
web-team-kudos-title = Kudos που ελήφθησαν
web-team-kudos-window = { $count ->
        [0] Τα μέλη αυτής της ομάδας δεν έλαβαν kudos
        [one] Τα μέλη αυτής της ομάδας έλαβαν 1 kudos
       *[other] Τα μέλη αυτής της ομάδας έλαβαν { $count } kudos
    } τις τελευταίες { $days } ημέρες (από τις { $since }).
web-team-kudos-more = Εμφανίζονται μόνο τα { $count } πιο πρόσφατα.
web-team-kudos-caption = Kudos που ελήφθησαν τις τελευταίες { $days } ημέρες (από τις { $since })
web-team-kudos-from = Από
web-team-kudos-to = Προς
web-team-kudos-message = Για ποιο λόγο
web-team-kudos-values = Αξίες
web-team-values-title = Αξίες που αναγνωρίστηκαν
web-team-matrix-title = Αναγνώριση μεταξύ τμημάτων
web-team-matrix-caption = Kudos μεταξύ τμημάτων τις τελευταίες { $days } ημέρες (από τις { $since })
web-team-matrix-none = Κανένα kudos δεν αντάλλαξε αυτή η ομάδα με άλλο τμήμα τις τελευταίες { $days } ημέρες.
web-team-matrix-from = Από τμήμα
web-team-matrix-to = Προς τμήμα
web-team-matrix-count = Kudos
web-team-narrative-title = Αφήγηση για τον πελάτη
web-team-narrative = { $read } από { $people } άτομα αυτής της ομάδας επιβεβαίωσαν ότι διάβασαν την έκδοση { $version } της αφήγησης για τον πελάτη.
web-team-narrative-none = Δεν έχει δημοσιευτεί ακόμη αφήγηση για τον πελάτη.
web-team-comments-title = Σχόλια
web-team-comments-note = Ανώνυμα σχόλια από τον πιο πρόσφατο γύρο, στον οποίο απάντησαν τουλάχιστον { $k } άτομα της ομάδας.
web-team-comments-none = Δεν υπάρχουν σχόλια για εμφάνιση από τον πιο πρόσφατο γύρο. Τα σχόλια εμφανίζονται μόνο όταν απάντησαν τουλάχιστον { $k } άτομα της ομάδας.
web-team-sub-teams-title = Ομάδες μέσα σε αυτή
