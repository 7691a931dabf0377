### irbook: translation of the book's title, description and role names (English in book.toml) into Français (`fr`).
### Written by `irbook i18n update`: translate the values. The `# en:` lines show the
### English source and `# hash:` tells irbook when it changes: leave both as they are.

# en: Incident response playbooks
# hash: f9cfdfba d4f968b5
book_title = Playbooks de réponse aux incidents

# en: Checked, localized playbooks for responding to security events on AWS.
# hash: 691518bf 41508133
book_description = Des playbooks vérifiés et traduits pour répondre aux événements de sécurité sur AWS.

# en: Account owner
# hash: 801ba134 2a52e40b
role_account-owner = Propriétaire du compte

# en: AWS Customer Incident Response Team
# hash: b5a26b3c 6154998f
role_aws-cirt = Équipe AWS de réponse aux incidents clients (AWS CIRT)

# en: Cloud engineer
# hash: c8929a54 66221825
role_cloud-engineer = Ingénieur cloud

# en: Communications
# hash: 919a9253 caeaa7c2
role_communications = Communication

# en: Incident response lead
# hash: 6fb9396f 2cb13dab
role_ir-lead = Responsable de la réponse à incident

# en: Legal counsel
# hash: f85ec724 e90ac92b
role_legal = Service juridique

# en: Security operations analyst
# hash: 2da93139 fc866bf0
role_soc-analyst = Analyste du centre des opérations de sécurité
