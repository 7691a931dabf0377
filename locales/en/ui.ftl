### irbook interface strings (English). Every other language translates these ids.
### A book may override any of them in its own locales/<lang>/ui.ftl.

## Languages and navigation
language-name = English
skip-to-content = Skip to content
choose-language = Choose a language
other-language = Read this page in { $language }
nav-playbooks = Playbooks
nav-events = Event index
nav-triggers = Alerts and triggers
nav-techniques = ATT&CK techniques
nav-print = Print version
table-of-contents = Contents
nav-site = Site
nav-languages = Languages
back-to-top = Back to top

## Playbook list
playbooks-heading = Playbooks
playbooks-intro = Incident-response playbooks, checked against the AWS registry.
events-count = { $count ->
    [one] { $count } event
   *[other] { $count } events
}
playbooks-count = { $count ->
    [one] { $count } playbook
   *[other] { $count } playbooks
}
label-services = Services
label-status = Status
label-last-review = Last review
label-version = Version
label-author = Author
label-approver = Approver
label-approved = Approved on
status-draft = Draft
status-active = Active
status-deprecated = Deprecated
date-format = { $day } { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Playbook sections
section-overview = Overview
section-tools = Tools
section-objectives = Objectives
objectives-determine = Determine
objectives-recover = Recover
objectives-caf = Enhance the components of the AWS CAF security perspective
caf-directive = Directive
caf-detective = Detective
caf-responsive = Responsive
caf-preventive = Preventive
section-classification = Incident classification
classification-ttps = Tactics, techniques and procedures
classification-category = Category
classification-resource = Resource
classification-indicators = Indicators
classification-log-sources = Log sources
classification-teams = Teams
section-steps = Response steps
label-owner = Owner
label-reviewed = Last reviewed
label-role = Role
section-response = Triggers, severity and techniques
response-triggers = What triggers this playbook
response-severity = Severity levels
response-attack = MITRE ATT&CK techniques
response-sources = Sources
response-related = Related playbooks
response-trigger-index = Every playbook for this alert
trigger-guardduty = GuardDuty finding types
trigger-securityhub = Security Hub controls
trigger-cloudtrail = CloudTrail events
severity-level = Level
severity-criteria = Criteria
severity-questions = Triage questions
severity-p1 = P1 (critical)
severity-p2 = P2 (high)
severity-p3 = P3 (medium)
severity-p4 = P4 (low)
section-preparation = Preparation
section-escalation = Escalation procedures
section-service-model = Service model
section-detection = Detection and analysis
detection-notes = Notes and considerations
detection-endpoints = Endpoints (CloudTrail event sources)
detection-events = Event names
detection-common = Most common events in normal use
detection-data-events = Data events in CloudTrail
section-analysis = Analysis
section-containment = Containment and eradication
section-recovery = Recovery
section-data-protection = Data protection
section-permissions = IAM permissions
permissions-task = Task
permissions-task-actions = Actions needed
section-lessons = Lessons learned
section-backlog = Backlog
backlog-addressed = Addressed
backlog-current = Current
section-notes = Notes

## Phases (NIST SP 800-61)
phase-preparation = Preparation
phase-detection = Detection and analysis
phase-containment = Containment and eradication
phase-recovery = Recovery
phase-post-incident = Post-incident activity

## Event tables
col-event = Event name
col-description = Description
col-service = Service
col-access = IAM access level
col-resource-type = Resource type (resources.type)
col-events = Events
access-level-title = The IAM access level of the action this event checks (Service Authorization Reference). It does not say whether the call changed anything.
access-unknown = Unknown
access-level-list = List
access-level-read = Read
access-level-write = Write
access-level-permissions-management = Permissions management
access-level-tagging = Tagging
event-common-mark = common
event-common-title = Common in normal use
event-unverified = not in the registry
event-iam-text = IAM text
event-iam-text-title = IAM’s description of the permission: the playbook does not say what this event means.
events-heading = Event index
events-intro = Every event name of every playbook, from A to Z. Type a name from a CloudTrail record to find where it is handled.
# The Markdown edition has no filter box: it points at mdBook's own search.
events-intro-markdown = Every event name of every playbook, from A to Z. To find a name from a CloudTrail record, use the book's search (the magnifying glass at the top of the page, or the S key).
events-filter-label = Filter events
events-filter-placeholder = e.g. DeleteIndex
events-no-match = No event matches this filter.
events-col-where = Covered in
data-event-mark = data event

## Actions and links
action-links = Links
action-note = Note
copy = Copy
copied = Copied

## Header: search, theme, phone menu
search-label = Search the playbooks
search-placeholder = Search (press /)
search-results = Search results
search-no-result = Nothing found.
theme-system = Theme: system
theme-light = Theme: light
theme-dark = Theme: dark
menu = Menu
queries-summary = Ready queries for these events
queries-file = the playbook's query file
queries-sigma = the playbook's Sigma rules (one per group)
queries-lake-existing = for existing CloudTrail Lake users only: closed to new customers since 31 May 2026
event-history = Event history
event-history-title = Open CloudTrail event history filtered on this event name (AWS console)

## Translations behind their English source
outdated-mark = Outdated translation
outdated-note = The English of this section changed after it was translated.
outdated-link = Read the current English
outdated-title = Translated from an earlier English text.

## Print
print-page = Page
print-edition = Edition of { $date }
print-languages = Languages
print-playbooks = Playbooks
print-heading = All playbooks
print-generated-by = Generated by irbook from checked sources.

## Build and serve
fallback-note = Not yet translated; shown in English.
build-error-overlay = The last change broke the build; the page shows the last good version.

## Markdown book
label-event-source = Event source
col-playbook = Playbook
col-task = Task
# A label and its value in a list, e.g. "Status: Active".
field = { $label }: { $value }

## Trigger index (triggers.html) and ATT&CK technique index (techniques.html)
triggers-heading = Which playbook for this alert?
triggers-intro = Paged by a GuardDuty finding, a failed Security Hub control or a CloudTrail event? Find its name below and open the playbook that answers it.
triggers-none = No playbook of this book names its triggers yet.
triggers-col-guardduty = Finding type
triggers-col-securityhub = Control
triggers-col-cloudtrail = Event name
triggers-col-playbooks = Playbooks to open
techniques-heading = MITRE ATT&CK techniques
techniques-intro = Each technique the playbooks respond to, and where they cover it. ATT&CK names are in English, as MITRE publishes them.
techniques-count = { $count ->
    [one] { $count } technique
   *[other] { $count } techniques
}
techniques-col-technique = Technique
techniques-col-tactics = Tactics
techniques-col-where = Covered in
techniques-place-playbook = the playbook as a whole
techniques-place-step = step:
techniques-place-group = event group:

## CACAO export (cacao/<lang>/<playbook>.json): names of agents and steps
cacao-step-name = { $section }: { $text }
cacao-team = Incident response team
cacao-siem = SIEM
cacao-sigma = Run the playbook's Sigma rules on the CloudTrail logs
cacao-escalate-if = Escalate now?
cacao-escalate = Bring in the people the answer names, and record when and why.
