### Chaînes d’interface d’irbook (français).

## Langues et navigation
language-name = Français
skip-to-content = Aller au contenu
choose-language = Choisir une langue
other-language = Lire cette page dans cette langue : { $language }
nav-playbooks = Playbooks
nav-events = Index des événements
nav-triggers = Alertes et déclencheurs
nav-techniques = Techniques ATT&CK
nav-print = Version imprimable
table-of-contents = Sommaire
nav-site = Site
nav-languages = Langues
back-to-top = Haut de page

## Liste des playbooks
playbooks-heading = Playbooks
playbooks-intro = Playbooks de réponse aux incidents, vérifiés par rapport au registre AWS.
events-count = { $count ->
    [one] { $count } événement
   *[other] { $count } événements
}
playbooks-count = { $count ->
    [one] { $count } playbook
   *[other] { $count } playbooks
}
label-services = Services
label-status = Statut
label-last-review = Dernière revue
label-version = Version
label-author = Auteur
label-approver = Approbateur
label-approved = Approuvé le
status-draft = Brouillon
status-active = En vigueur
status-deprecated = Obsolète
date-format = { $day ->
    [1] 1er
   *[other] { $day }
} { $month } { $year }
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre

## Sections d’un playbook
section-overview = Vue d’ensemble
section-tools = Outils
section-objectives = Objectifs
objectives-determine = Déterminer
objectives-recover = Rétablir
objectives-caf = Renforcer les composantes de la perspective sécurité du CAF AWS
caf-directive = Directive
caf-detective = Détection
caf-responsive = Réactive
caf-preventive = Préventive
section-classification = Classification de l’incident
classification-ttps = Tactiques, techniques et procédures
classification-category = Catégorie
classification-resource = Ressource
classification-indicators = Indicateurs
classification-log-sources = Sources de journaux
classification-teams = Équipes
section-steps = Étapes de réponse
label-owner = Responsable
label-reviewed = Dernière revue
label-role = Rôle
section-response = Déclencheurs, gravité et techniques
response-triggers = Ce qui déclenche ce playbook
response-severity = Niveaux de gravité
response-attack = Techniques MITRE ATT&CK
response-sources = Sources
response-related = Playbooks associés
response-trigger-index = Tous les playbooks pour cette alerte
trigger-guardduty = Types de résultats GuardDuty
trigger-securityhub = Contrôles Security Hub
trigger-cloudtrail = Événements CloudTrail
severity-level = Niveau
severity-criteria = Critères
severity-questions = Questions de tri
severity-p1 = P1 (critique)
severity-p2 = P2 (élevée)
severity-p3 = P3 (moyenne)
severity-p4 = P4 (faible)
section-preparation = Préparation
section-escalation = Procédures d’escalade
section-service-model = Modèle du service
section-detection = Détection et analyse
detection-notes = Remarques et points d’attention
detection-endpoints = Points de terminaison (sources d’événements CloudTrail)
detection-events = Noms d’événements
detection-common = Événements les plus courants en usage normal
detection-data-events = Événements de données dans CloudTrail
section-analysis = Analyse
section-containment = Confinement et éradication
section-recovery = Rétablissement
section-data-protection = Protection des données
section-permissions = Autorisations IAM
permissions-task = Tâche
permissions-task-actions = Actions nécessaires
section-lessons = Retour d’expérience
section-backlog = Améliorations prévues
backlog-addressed = Traitées
backlog-current = En cours
section-notes = Notes

## Phases (NIST SP 800-61)
phase-preparation = Préparation
phase-detection = Détection et analyse
phase-containment = Confinement et éradication
phase-recovery = Rétablissement
phase-post-incident = Activités post-incident

## Tableaux d’événements
col-event = Nom de l’événement
col-description = Description
col-service = Service
col-access = Niveau d’accès IAM
col-resource-type = Type de ressource (resources.type)
col-events = Événements
access-level-title = Le niveau d’accès IAM de l’action que vérifie cet événement (Service Authorization Reference). Il ne dit pas si l’appel a modifié quelque chose.
access-unknown = Inconnu
access-level-list = Liste
access-level-read = Lecture
access-level-write = Écriture
access-level-permissions-management = Gestion des autorisations
access-level-tagging = Balisage
event-common-mark = courant
event-common-title = Courant en usage normal
event-unverified = absent du registre
event-iam-text = Texte IAM
event-iam-text-title = Description IAM de l’autorisation : le playbook ne dit pas ce que signifie cet événement.
events-heading = Index des événements
events-intro = Tous les noms d’événements de tous les playbooks, de A à Z. Saisissez un nom relevé dans un enregistrement CloudTrail pour savoir où il est traité.
# L’édition Markdown n’a pas de champ de filtre : elle renvoie à la recherche de mdBook.
events-intro-markdown = Tous les noms d’événements de tous les playbooks, de A à Z. Pour retrouver un nom relevé dans un enregistrement CloudTrail, utilisez la recherche du livre (la loupe en haut de la page, ou la touche S).
events-filter-label = Filtrer les événements
events-filter-placeholder = p. ex. DeleteIndex
events-no-match = Aucun événement ne correspond à ce filtre.
events-col-where = Traité dans
data-event-mark = événement de données

## Actions et liens
action-links = Liens
action-note = Remarque
copy = Copier
copied = Copié

## En-tête : recherche, thème, menu sur téléphone
search-label = Rechercher dans les playbooks
search-placeholder = Rechercher (touche /)
search-results = Résultats de la recherche
search-no-result = Aucun résultat.
theme-system = Thème : système
theme-light = Thème : clair
theme-dark = Thème : sombre
menu = Menu
queries-summary = Requêtes prêtes à l’emploi pour ces événements
queries-file = le fichier de requête du playbook
queries-sigma = les règles Sigma du playbook (une par groupe)
queries-lake-existing = réservé aux utilisateurs actuels de CloudTrail Lake, fermé aux nouveaux clients depuis le 31 mai 2026
event-history = Historique des événements
event-history-title = Ouvrir l’historique des événements CloudTrail filtré sur ce nom d’événement (console AWS)

## Traductions en retard sur l’anglais
outdated-mark = Traduction à revoir
outdated-note = Le texte anglais de cette section a changé depuis sa traduction.
outdated-link = Lire la version anglaise à jour
outdated-title = Traduit d’une version antérieure du texte anglais.

## Impression
print-page = Page
print-edition = Édition du { $date }
print-languages = Langues
print-playbooks = Playbooks
print-heading = Tous les playbooks
print-generated-by = Généré par irbook à partir de sources vérifiées.

## Génération et prévisualisation
fallback-note = Pas encore traduit ; affiché en anglais.
build-error-overlay = La dernière modification a cassé la génération ; la page affiche la dernière version valide.

## Livre Markdown
label-event-source = Source d’événements
col-playbook = Playbook
col-task = Tâche
# Une étiquette et sa valeur dans une liste, p. ex. « Statut : En vigueur ».
field = { $label } : { $value }

## Index des déclencheurs (triggers.html) et des techniques ATT&CK (techniques.html)
triggers-heading = Quel playbook pour cette alerte ?
triggers-intro = Alerté par un résultat GuardDuty, un contrôle Security Hub en échec ou un événement CloudTrail ? Retrouvez son nom ci-dessous et ouvrez le playbook qui y répond.
triggers-none = Aucun playbook de ce livre n’indique encore ses déclencheurs.
triggers-col-guardduty = Type de résultat
triggers-col-securityhub = Contrôle
triggers-col-cloudtrail = Nom de l’événement
triggers-col-playbooks = Playbooks à ouvrir
techniques-heading = Techniques MITRE ATT&CK
techniques-intro = Chaque technique à laquelle les playbooks répondent, et où ils la traitent. Les noms ATT&CK restent en anglais, tels que MITRE les publie.
techniques-count = { $count ->
    [one] { $count } technique
   *[other] { $count } techniques
}
techniques-col-technique = Technique
techniques-col-tactics = Tactiques
techniques-col-where = Traitée dans
techniques-place-playbook = le playbook dans son ensemble
techniques-place-step = étape :
techniques-place-group = groupe d’événements :

## Export CACAO (cacao/<lang>/<playbook>.json) : noms des agents et des étapes
cacao-step-name = { $section } : { $text }
cacao-team = Équipe de réponse aux incidents
cacao-siem = SIEM
cacao-sigma = Exécuter les règles Sigma du playbook sur les journaux CloudTrail
cacao-escalate-if = Faut-il escalader maintenant ?
cacao-escalate = Faire intervenir les personnes que la réponse désigne, et noter quand et pourquoi.
