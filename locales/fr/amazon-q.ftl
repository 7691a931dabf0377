### irbook: translation of playbook `amazon-q` into Français (`fr`).
### Written by `irbook i18n update`: translate the values. The `# en:` lines show the
### English source and `# hash:` tells irbook when it changes: leave both as they are.

# en: Responding to Amazon Q security events
# hash: d50f24c0 ec17116a
amazon-q-title = Réagir aux événements de sécurité impliquant Amazon Q

# en: How to investigate, contain and recover from security events that involve Amazon Q: its chat and troubleshooting features in the AWS console, and Amazon Q Business applications with their indices, retrievers, data sources and plugins.
# hash: a67a1dee c9e04658
amazon-q-summary = Comment investiguer les événements de sécurité impliquant Amazon Q (ses fonctions de conversation et de dépannage dans la console AWS, les applications Amazon Q Business avec leurs index, récupérateurs, sources de données et plugins), les contenir et revenir à un état sain.

# en: Open-source command-line tool for AWS security assessments, audits, hardening and incident response. Run it before an incident to find gaps, and after one to confirm that the account is back to a hardened state.
# hash: 921f59e8 c48bff30
amazon-q-tool-prowler-text = Outil open source en ligne de commande pour l’évaluation, l’audit, le durcissement et la réponse aux incidents de sécurité sur AWS. Lancez-le avant un incident pour repérer les failles, et après pour vérifier que le compte a retrouvé une configuration durcie.

# en: By the end of the response, the team should be able to answer these questions and to show that the account is back to a known, hardened state.
# hash: b256cba1 c9b4589a
amazon-q-objectives-intro = À la fin de la réponse, l’équipe doit pouvoir répondre à ces questions et montrer que le compte est revenu à un état connu et durci.

# en: Content was destroyed or exposed: an index, data source or application was deleted in production, or documents became reachable by people who should not see them.
# hash: 8ad25fe7 b8a0382a
amazon-q-severity-p1-criteria = Du contenu a été détruit ou exposé : un index, une source de données ou une application a été supprimé en production, ou des documents sont devenus accessibles à des personnes qui ne devraient pas les voir.

# en: Were indices, data sources or applications deleted in a production account?
# hash: 3ff29a02 80d70883
amazon-q-severity-p1-question-deleted = Des index, des sources de données ou des applications ont-ils été supprimés dans un compte de production ?

# en: Could users outside the intended audience read sensitive documents?
# hash: 4a7c553f ab91373f
amazon-q-severity-p1-question-exposed = Des utilisateurs extérieurs au public prévu ont-ils pu lire des documents sensibles ?

# en: Credentials with Amazon Q Business permissions are known to be compromised and were used to change resources, with no loss of content confirmed yet.
# hash: 49174738 d0541b74
amazon-q-severity-p2-criteria = Des identifiants disposant de droits sur Amazon Q Business sont compromis de façon avérée et ont servi à modifier des ressources, sans perte de contenu confirmée à ce stade.

# en: Did the compromised principal create, update or delete any Amazon Q resource?
# hash: 7a0b9ef4 5faefebb
amazon-q-severity-p2-question-changes = Le principal compromis a-t-il créé, modifié ou supprimé une ressource Amazon Q ?

# en: Were admin controls or guardrails weakened?
# hash: 806f9cff e59ca836
amazon-q-severity-p2-question-guardrails = Les contrôles d’administration ou les garde-fous ont-ils été affaiblis ?

# en: Unexplained read-only activity (listing or reading Amazon Q resources) by a principal that is known and still under control.
# hash: c9f28002 aca7ebcf
amazon-q-severity-p3-criteria = Activité en lecture seule inexpliquée (liste ou lecture de ressources Amazon Q) par un principal connu et toujours maîtrisé.

# en: Were all the calls List or Get operations?
# hash: b7f54773 cb99b0a0
amazon-q-severity-p3-question-reads-only = Tous les appels étaient-ils des opérations List ou Get ?

# en: A posture finding with no sign of misuse, such as an over-broad policy or data events that are not logged.
# hash: 8d27a1a6 d7867cf0
amazon-q-severity-p4-criteria = Un constat de posture sans signe d’abus, comme une politique trop permissive ou des événements de données qui ne sont pas journalisés.

# en: Which vulnerabilities were exploited
# hash: 2af0bc2d 4b4f76e1
amazon-q-determine-vulnerabilities = Les vulnérabilités exploitées

# en: Which exploits and tools were observed
# hash: 926aee82 b9aa5d7e
amazon-q-determine-exploits-tools = Les exploits et outils observés

# en: What the actor intended
# hash: a84738ee 2ed31a0c
amazon-q-determine-intent = Les intentions de l’attaquant

# en: Who the actor is, if attribution is possible
# hash: e361ec67 3ebe1ebd
amazon-q-determine-attribution = L’identité de l’attaquant, si l’attribution est possible

# en: What damage was done to the environment and to the business
# hash: c1205112 2b28e742
amazon-q-determine-damage = Les dommages causés à l’environnement et à l’activité

# en: Return to the original configuration, hardened
# hash: 5c8bab36 6211dee1
amazon-q-recover-hardened-config = Revenir à la configuration d’origine, durcie

# en: Misuse of Amazon Q and of the resources it can reach
# hash: a649341c 2e55c156
amazon-q-ttp-q-misuse = Usage malveillant d’Amazon Q et des ressources auxquelles il a accès

# en: Log analysis
# hash: 3708e76d b64a827c
amazon-q-category = Analyse de journaux

# en: Amazon Q
# hash: 95f0d3d6 fbcc3509
amazon-q-resource = Amazon Q

# en: Cyber threat intelligence
# hash: 6ec8a857 674276b1
amazon-q-indicator-threat-intel = Renseignement sur les menaces (CTI)

# en: Notice from a third party
# hash: d90766b8 130f4e25
amazon-q-indicator-third-party = Signalement par un tiers

# en: Security operations center (SOC)
# hash: 23adedae eb805327
amazon-q-team-soc = Centre des opérations de sécurité (SOC)

# en: Forensic investigators
# hash: a0f707f9 a85b5aff
amazon-q-team-forensics = Analystes en investigation numérique

# en: Cloud engineering
# hash: 2fcc6ee2 8dc34b47
amazon-q-team-cloud-engineering = Ingénierie cloud

# en: Turn on CloudTrail data events for the Amazon Q Business resource types (`AWS::QBusiness::Application`, `AWS::QBusiness::DataSource`, `AWS::QBusiness::Index`): CloudTrail does not record them by default, and without them document uploads, user and group changes and sync jobs leave no trace.
# hash: 6e34602b 7816e537
amazon-q-step-enable-data-events = Activez les événements de données CloudTrail pour les types de ressources Amazon Q Business (`AWS::QBusiness::Application`, `AWS::QBusiness::DataSource`, `AWS::QBusiness::Index`) : CloudTrail ne les enregistre pas par défaut, et sans eux les dépôts de documents, les modifications d’utilisateurs et de groupes et les tâches de synchronisation ne laissent aucune trace.

# en: Keep an inventory of every Amazon Q Business application with its indices, retrievers, data sources, plugins and web experiences, and name an owner for each.
# hash: 60a089c8 09de82df
amazon-q-step-inventory-q = Tenez à jour l’inventaire des applications Amazon Q Business, avec leurs index, récupérateurs, sources de données, plugins et expériences web, et désignez un responsable pour chacune.

# en: Review which users and roles hold the `AmazonQFullAccess` managed policy or broad `q:*` and `qbusiness:*` permissions, and remove any access that is not needed.
# hash: 1f70d105 64c59b80
amazon-q-step-review-full-access = Vérifiez quels utilisateurs et rôles disposent de la politique gérée `AmazonQFullAccess` ou de droits étendus `q:*` et `qbusiness:*`, et retirez tout accès superflu.

# en: Search CloudTrail for Amazon Q API calls that nobody can account for.
# hash: a1d73496 127f23d0
amazon-q-step-analyse-cloudtrail = Recherchez dans CloudTrail les appels d’API Amazon Q que personne ne peut justifier.

# en: Review CloudWatch logs, metrics and alarms for activity nobody can account for.
# hash: 3935393c 3a5401f0
amazon-q-step-analyse-cloudwatch = Examinez les journaux, métriques et alarmes CloudWatch à la recherche d’une activité que personne ne peut justifier.

# en: Delete or rotate the IAM user access keys involved.
# hash: 3927de39 b909530e
amazon-q-step-rotate-keys = Supprimez ou renouvelez les clés d’accès des utilisateurs IAM concernés.

# en: Delete or rotate any resource nobody can account for.
# hash: db22ef5d 41987452
amazon-q-step-remove-resources = Supprimez ou remplacez toute ressource dont personne ne peut justifier l’existence.

# en: Assess your security posture, then find and close its gaps.
# hash: a2363ee2 394ce56d
amazon-q-preparation-posture = Évaluez votre posture de sécurité, puis identifiez et corrigez ses lacunes.

# en: Run the open-source AWS Self-Service Security Assessment tool to get a point-in-time view of your account's security posture.
# hash: 57a4337f 1978d195
amazon-q-preparation-self-assessment = Exécutez l’outil open source AWS Self-Service Security Assessment pour obtenir un instantané de la posture de sécurité de votre compte.

# en: Keep a complete inventory of your assets: servers, network devices, network and file shares, and developer workstations.
# hash: bd05f7d2 5d81e51f
amazon-q-preparation-inventory = Tenez un inventaire complet de vos actifs : serveurs, équipements réseau, partages réseau et de fichiers, postes de développement.

# en: Consider enabling Amazon GuardDuty to watch continuously for malicious activity and unauthorized behavior across your AWS accounts, workloads and data.
# hash: be4e9d59 c6287d82
amazon-q-preparation-guardduty = Envisagez d’activer Amazon GuardDuty pour surveiller en continu les activités malveillantes et les comportements non autorisés dans vos comptes, charges de travail et données AWS.

# en: Apply the CIS AWS Foundations Benchmark, including account expiry and mandatory credential rotation.
# hash: ce17fe56 03006c1a
amazon-q-preparation-cis = Appliquez le CIS AWS Foundations Benchmark, notamment l’expiration des comptes et la rotation obligatoire des identifiants.

# en: Require multi-factor authentication (MFA).
# hash: e97c6846 907ff58b
amazon-q-preparation-mfa = Exigez l’authentification multifacteur (MFA).

# en: Enforce a password policy with complexity rules and an expiry period.
# hash: 1103e435 d300fb6c
amazon-q-preparation-passwords = Imposez une politique de mots de passe avec des règles de complexité et une durée d’expiration.

# en: Generate an IAM credential report to list every user in the account with the state of their passwords, access keys and MFA devices.
# hash: f0948f65 56f1e913
amazon-q-preparation-credential-report = Générez un rapport d’identifiants IAM (credential report) pour lister chaque utilisateur du compte avec l’état de ses mots de passe, clés d’accès et dispositifs MFA.

# en: Use IAM Access Analyzer to find resources, such as IAM roles, that are shared with an external entity: unintended access to your resources and data is a security risk.
# hash: 50bbbd02 b5db4eca
amazon-q-preparation-access-analyzer = Utilisez IAM Access Analyzer pour repérer les ressources, comme les rôles IAM, partagées avec une entité externe : tout accès non voulu à vos ressources et à vos données est un risque de sécurité.

# en: Who makes the business decision on when to run forensics on the affected resources?
# hash: 9cae35e9 fa162d77
amazon-q-escalation-forensics = Qui prend la décision métier de lancer une investigation numérique sur les ressources touchées, et à quel moment ?

# en: Who monitors the logs and alerts, who receives them, and who acts on each one?
# hash: 2d58f624 150aa664
amazon-q-escalation-monitoring = Qui surveille les journaux et les alertes, qui les reçoit, et qui traite chacune d’elles ?

# en: Who is notified when an alert is raised?
# hash: a32eebe1 3f1fd40c
amazon-q-escalation-notification = Qui est prévenu lorsqu’une alerte est levée ?

# en: At what point do public relations and legal join the response?
# hash: f96d5fac 70209bad
amazon-q-escalation-pr-legal = À quel moment la communication et le service juridique rejoignent-ils la réponse ?

# en: When do you ask AWS Support for help?
# hash: eb1bc6ab 1270408e
amazon-q-escalation-aws-support = Quand faites-vous appel au support AWS ?

# en: Amazon Q is made of several components, each of which leaves its own trail:
# hash: bd479e69 c47c2658
amazon-q-model-intro = Amazon Q regroupe plusieurs composants, qui laissent chacun leurs propres traces :

# en: Chat
# hash: 460b3a7d 7209dd2f
amazon-q-component-chat-name = Conversation

# en: Answers natural-language questions, in English, about AWS: which service to choose, how to use the AWS CLI, documentation and best practices. Answers come as summaries or step-by-step instructions, with links to their sources.
# hash: 935b4494 85862ad9
amazon-q-component-chat-text = Répond en anglais à des questions en langage naturel sur AWS : choix d’un service, utilisation de l’AWS CLI, documentation et bonnes pratiques. Les réponses prennent la forme de synthèses ou d’instructions pas à pas, avec des liens vers leurs sources.

# en: Memory
# hash: c3963aed 1ff8f6c5
amazon-q-component-memory-name = Mémoire

# en: Keeps the context of a conversation and uses it to shape later answers for as long as the conversation lasts.
# hash: 2dbb2036 be72a303
amazon-q-component-memory-text = Conserve le contexte d’une conversation et s’en sert pour orienter les réponses suivantes, tant que dure la conversation.

# en: Code improvements and advice
# hash: 3faf9b86 96a81c75
amazon-q-component-code-name = Amélioration du code et conseils

# en: In IDEs, answers software development questions, improves existing code and generates new code.
# hash: db46bc35 9797cef3
amazon-q-component-code-text = Dans les IDE, répond aux questions de développement logiciel, améliore le code existant et génère du nouveau code.

# en: Troubleshooting and support
# hash: 7bca75e2 2789f416
amazon-q-component-troubleshooting-name = Dépannage et support

# en: Explains errors shown in the AWS Management Console and connects users with live AWS Support agents.
# hash: 405fc9f6 9fb2b041
amazon-q-component-troubleshooting-text = Explique les erreurs affichées dans l’AWS Management Console et met les utilisateurs en relation avec des agents du support AWS.

# en: Customer feedback
# hash: 6a0c8525 ed38d5f7
amazon-q-component-feedback-name = Retours des clients

# en: Uses what users submit in feedback forms to provide support and fix technical issues.
# hash: 474eb31f fb15737b
amazon-q-component-feedback-text = Exploite ce que les utilisateurs saisissent dans les formulaires de retour pour fournir de l’assistance et corriger des problèmes techniques.

# en: Amazon Q is not offered in every AWS Region (as of 2024-05-22). Check [supported Regions](https://docs.aws.amazon.com/amazonq/latest/qdeveloper-ug/regions.html) before you scope the investigation.
# hash: 69187294 e84f8733
amazon-q-detection-note-regions = Amazon Q n’est pas proposé dans toutes les Régions AWS (au 22 mai 2024). Consultez la [liste des Régions prises en charge](https://docs.aws.amazon.com/amazonq/latest/qdeveloper-ug/regions.html) avant de délimiter le périmètre de l’investigation.

# en: Amazon Q has no model invocation logging (the Region-level, off-by-default setting that Amazon Bedrock offers), so the text of prompts and answers is not logged. CloudTrail events are your main record; watch the documentation in case AWS adds this feature.
# hash: faf5d212 28229264
amazon-q-detection-note-no-invocation-logging = Amazon Q ne propose pas de journalisation des invocations de modèle (le paramètre défini par Région, désactivé par défaut, qu’offre Amazon Bedrock) : le texte des requêtes et des réponses n’est donc pas journalisé. Les événements CloudTrail sont votre principale source ; surveillez la documentation au cas où AWS ajouterait cette fonctionnalité.

# en: The tables below list the events you will most often meet in CloudTrail when investigating Amazon Q. The common events are those that normal use produces: seeing them is expected, seeing them from an unknown identity is not.
# hash: 8d05c502 748b463c
amazon-q-detection-note-event-table = Les tableaux ci-dessous recensent les événements que vous rencontrerez le plus souvent dans CloudTrail lors d’une investigation impliquant Amazon Q. Les événements courants sont ceux que produit un usage normal : les voir est attendu, les voir provenir d’une identité inconnue ne l’est pas.

# en: Amazon Q Business
# hash: d472e311 110dff4f
amazon-q-endpoint-qbusiness-amazonaws-com-label = Amazon Q Business

# en: Amazon Q (chat, troubleshooting)
# hash: 712a8e7c e46f4bec
amazon-q-endpoint-q-amazonaws-com-label = Amazon Q (conversation, dépannage)

# en: General permissions (Amazon Q in the console)
# hash: 857a69fc 1d12a8c5
amazon-q-group-general-title = Autorisations générales (Amazon Q dans la console)

# en: The messages of a console conversation with Amazon Q were read. Check that the reader is the person who held the conversation.
# hash: d225847b eb2b1137
amazon-q-event-general-GetConversation = Les messages d’une conversation avec Amazon Q dans la console ont été lus. Vérifiez que le lecteur est bien la personne qui a mené la conversation.

# en: The results of an Amazon Q analysis of a console error were read. Expected right after a troubleshooting request by the same person.
# hash: 45321dfe 53ad28a6
amazon-q-event-general-GetTroubleshootingResults = Les résultats d’une analyse par Amazon Q d’une erreur de la console ont été lus. Attendu juste après une demande de dépannage de la même personne.

# en: A question was put to Amazon Q in the console. The prompt's text is not logged, so judge it by who asked, when, and what that principal did next.
# hash: 41320a60 b28713d0
amazon-q-event-general-SendMessage = Une question a été posée à Amazon Q dans la console. Le texte de la requête n’est pas journalisé : jugez-la d’après son auteur, son heure et ce que ce principal a fait ensuite.

# en: A new conversation with Amazon Q began in the console. Common in normal use; unusual from a role that serves workloads rather than people.
# hash: b52a5a7d 588df33b
amazon-q-event-general-StartConversation = Une nouvelle conversation avec Amazon Q a commencé dans la console. Courant en usage normal ; inhabituel de la part d’un rôle utilisé par des charges de travail plutôt que par des personnes.

# en: Amazon Q was asked to analyse an error shown in the console. The failed call just before it shows what the principal was trying to do.
# hash: 9fb74b41 69bbeed4
amazon-q-event-general-StartTroubleshootingAnalysis = Amazon Q a été sollicité pour analyser une erreur affichée dans la console. L’appel en échec qui la précède montre ce que le principal tentait de faire.

# en: After analysing a console error, Amazon Q was asked how to fix it. Repeated requests can betray someone working around a denied permission.
# hash: addd18cf 87e820c2
amazon-q-event-general-StartTroubleshootingResolutionExplanation = Après l’analyse d’une erreur de la console, Amazon Q a été sollicité pour expliquer comment la corriger. Des demandes répétées peuvent trahir quelqu’un qui cherche à contourner une autorisation refusée.

# en: Applications
# hash: 98e33b0f 1d5a1253
amazon-q-group-applications-title = Applications

# en: A new Amazon Q Business application was created. Check that it is in your inventory, has an owner, and uses the approved IAM role and identity source.
# hash: 9d429d55 2d570c41
amazon-q-event-applications-CreateApplication = Une nouvelle application Amazon Q Business a été créée. Vérifiez qu’elle figure dans votre inventaire, qu’elle a un responsable et qu’elle utilise le rôle IAM et la source d’identités approuvés.

# en: An Amazon Q Business application was deleted, together with the resources attached to it. Confirm the deletion was planned: an attacker may be covering their tracks or disrupting the service.
# hash: 7cdaee67 3655a395
amazon-q-event-applications-DeleteApplication = Une application Amazon Q Business a été supprimée, ainsi que les ressources qui lui étaient rattachées. Vérifiez que la suppression était prévue : un attaquant peut chercher à effacer ses traces ou à perturber le service.

# en: The settings of an application were read. Normal for its administrators; from anyone else, it can be reconnaissance.
# hash: b5e77589 2e4842ec
amazon-q-event-applications-GetApplication = Les paramètres d’une application ont été lus. Normal de la part de ses administrateurs ; de la part de quelqu’un d’autre, il peut s’agir de reconnaissance.

# en: The Amazon Q Business applications of the account were listed. Often the first step of reconnaissance by a principal that has just gained access.
# hash: 75239f02 c6579421
amazon-q-event-applications-ListApplications = Les applications Amazon Q Business du compte ont été listées. C’est souvent la première étape de reconnaissance d’un principal qui vient d’obtenir un accès.

# en: The settings of an application changed, such as its IAM role, its identity settings or whether users may attach files. Compare them with the approved ones.
# hash: 7d7351ac 343704b2
amazon-q-event-applications-UpdateApplication = Les paramètres d’une application ont changé, par exemple son rôle IAM, ses paramètres d’identité ou la possibilité pour les utilisateurs de joindre des fichiers. Comparez-les aux paramètres approuvés.

# en: Indices
# hash: efdba648 7fb812b6
amazon-q-group-indices-title = Index

# en: A new index was created in an application. Check that it was planned: a new index can receive documents from sources nobody reviewed.
# hash: 6c221b14 ce014d08
amazon-q-event-indices-CreateIndex = Un nouvel index a été créé dans une application. Vérifiez qu’il était prévu : un nouvel index peut recevoir des documents de sources que personne n’a examinées.

# en: An index was deleted, and every document it held with it. Check who did it and whether the content must be restored.
# hash: 6ec76fcf e98c31fb
amazon-q-event-indices-DeleteIndex = Un index a été supprimé, ainsi que tous les documents qu’il contenait. Identifiez l’auteur de la suppression et déterminez s’il faut restaurer le contenu.

# en: The configuration of an index was read. Expected from the application's administrators and the console; note any other caller.
# hash: 20972339 a195205e
amazon-q-event-indices-GetIndex = La configuration d’un index a été lue. Attendu de la part des administrateurs de l’application et de la console ; relevez tout autre appelant.

# en: The indices of an application were listed, which shows where its documents are: a first step before reading or deleting them.
# hash: baba4a3e df1ded95
amazon-q-event-indices-ListIndices = Les index d’une application ont été listés, ce qui montre où se trouvent ses documents : une première étape avant de les lire ou de les supprimer.

# en: The configuration of an index changed, such as its capacity or document attributes. Check who made the change and why.
# hash: 7d04ded7 ce19d3bf
amazon-q-event-indices-UpdateIndex = La configuration d’un index a changé, par exemple sa capacité ou les attributs de ses documents. Identifiez l’auteur de la modification et sa raison.

# en: Retrievers
# hash: 5abaace3 f5a44305
amazon-q-group-retrievers-title = Récupérateurs (retrievers)

# en: A new retriever was added to an application, so its answers can now draw on another index. Check which index it targets.
# hash: f0d674f3 f127f12e
amazon-q-event-retrievers-CreateRetriever = Un nouveau récupérateur a été ajouté à une application : ses réponses peuvent désormais puiser dans un autre index. Vérifiez quel index il cible.

# en: A retriever was removed: the application can no longer fetch answers from the index it pointed to.
# hash: cdd0eff4 1efb2d08
amazon-q-event-retrievers-DeleteRetriever = Un récupérateur a été supprimé : l’application ne peut plus puiser ses réponses dans l’index qu’il ciblait.

# en: The settings of a retriever were read, including the index it draws answers from. Note callers who do not administer the application.
# hash: 8553a5ae 9693c926
amazon-q-event-retrievers-GetRetriever = Les paramètres d’un récupérateur ont été lus, dont l’index où il puise ses réponses. Relevez les appelants qui n’administrent pas l’application.

# en: The retrievers of an application were listed. Frequent in normal use; from an unknown principal, a sign of reconnaissance.
# hash: 50dc5c38 2f283f31
amazon-q-event-retrievers-ListRetrievers = Les récupérateurs d’une application ont été listés. Fréquent en usage normal ; de la part d’un principal inconnu, signe de reconnaissance.

# en: A retriever now points elsewhere or uses other settings. Check that it still targets an approved index.
# hash: 156083bb a24bc872
amazon-q-event-retrievers-UpdateRetriever = Un récupérateur cible désormais autre chose ou utilise d’autres paramètres. Vérifiez qu’il pointe toujours vers un index approuvé.

# en: Data sources and sync jobs
# hash: 0f699424 55157375
amazon-q-group-data-sources-title = Sources de données et synchronisations

# en: A new data source now feeds an index with content from a repository. Check the repository, the credentials it uses and who approved it.
# hash: 5616d7c5 8b8942ca
amazon-q-event-data-sources-CreateDataSource = Une nouvelle source de données alimente désormais un index avec le contenu d’un référentiel. Vérifiez le référentiel, les identifiants qu’elle utilise et qui l’a approuvée.

# en: A data source was removed, and with it the content it fed into the index. Check that the removal was planned.
# hash: 25be2e58 5594009b
amazon-q-event-data-sources-DeleteDataSource = Une source de données a été supprimée, et avec elle le contenu qu’elle alimentait dans l’index. Vérifiez que la suppression était prévue.

# en: The settings of a data source were read, which show the repository it connects to. Note callers who do not administer the application.
# hash: d023d466 754e4981
amazon-q-event-data-sources-GetDataSource = Les paramètres d’une source de données ont été lus ; ils indiquent le référentiel auquel elle se connecte. Relevez les appelants qui n’administrent pas l’application.

# en: The data sources of an index were listed, showing which repositories feed the application. From an unknown principal, treat it as reconnaissance.
# hash: 8fd1d9f0 0f150570
amazon-q-event-data-sources-ListDataSources = Les sources de données d’un index ont été listées, ce qui montre quels référentiels alimentent l’application. De la part d’un principal inconnu, traitez-le comme de la reconnaissance.

# en: The connection, credentials or scope of a data source changed. An attacker may use this to pull in new content or to reach another repository.
# hash: 66e06495 e968f834
amazon-q-event-data-sources-UpdateDataSource = La connexion, les identifiants ou le périmètre d’une source de données ont changé. Un attaquant peut s’en servir pour importer de nouveaux contenus ou atteindre un autre référentiel.

# en: A sync job started copying content from the data source into the index. An unexpected sync may bring sensitive documents within reach of the application's users.
# hash: b60432f1 099db6ae
amazon-q-event-data-sources-StartDataSourceSyncJob = Une tâche de synchronisation a commencé à copier le contenu de la source de données dans l’index. Une synchronisation inattendue peut mettre des documents sensibles à la portée des utilisateurs de l’application.

# en: A sync job was stopped before it finished, so the index may lack recent additions or removals. Find out why it was stopped.
# hash: df05af17 b8b0852e
amazon-q-event-data-sources-StopDataSourceSyncJob = Une tâche de synchronisation a été arrêtée avant la fin : l’index peut manquer des ajouts ou des suppressions récents. Cherchez pourquoi elle a été arrêtée.

# en: The history of a data source's sync jobs was read. Useful to you too: it shows when content last entered the index.
# hash: eae1f147 b737a385
amazon-q-event-data-sources-ListDataSourceSyncJobs = L’historique des tâches de synchronisation d’une source de données a été consulté. Utile pour vous aussi : il montre quand du contenu est entré dans l’index pour la dernière fois.

# en: Document uploads
# hash: c6d2eb56 f737d31d
amazon-q-group-documents-title = Dépôt de documents

# en: Documents were added straight to an index. Find out what was uploaded and by whom: planted content can steer the answers users get.
# hash: 3fb44321 cf642a04
amazon-q-event-documents-BatchPutDocument = Des documents ont été ajoutés directement à un index. Déterminez ce qui a été déposé et par qui : un contenu piégé peut orienter les réponses fournies aux utilisateurs.

# en: Documents were removed from an index. Confirm the removal was intended and whether the content must be restored.
# hash: 67698dd0 bffd15fc
amazon-q-event-documents-BatchDeleteDocument = Des documents ont été retirés d’un index. Vérifiez que le retrait était voulu et s’il faut restaurer le contenu.

# en: The documents of an index were listed, with their status. It shows what an intruder could reach, and helps you see what was added or removed.
# hash: d8ca46f6 4a9c9f3b
amazon-q-event-documents-ListDocuments = Les documents d’un index ont été listés, avec leur état. Cela montre ce qu’un intrus pouvait atteindre, et vous aide à voir ce qui a été ajouté ou retiré.

# en: Chat and conversations
# hash: ad42b002 61a57784
amazon-q-group-chat-title = Conversations

# en: A user talked with an application and got answers streamed back. Note who, when and which application: answers can disclose indexed documents.
# hash: 7f820600 560655ed
amazon-q-event-chat-Chat = Un utilisateur a conversé avec une application et reçu les réponses en flux. Relevez qui, quand et quelle application : les réponses peuvent divulguer des documents indexés.

# en: A user talked with an application and got each answer whole. Logged as a data event: unusual volumes can mean someone is harvesting content.
# hash: dcbfe7bf 7cff6ab0
amazon-q-event-chat-ChatSync = Un utilisateur a conversé avec une application et reçu chaque réponse en entier. Journalisé comme événement de données : des volumes inhabituels peuvent signaler une collecte de contenu.

# en: A conversation and its messages were deleted. Preserve what remains: this can destroy evidence of what was asked and answered.
# hash: f7c7a149 7164469d
amazon-q-event-chat-DeleteConversation = Une conversation et ses messages ont été supprimés. Préservez ce qui subsiste : cette action peut détruire la preuve de ce qui a été demandé et répondu.

# en: The conversations of an application were listed. From anyone but their owner, this can come before reading or deleting them.
# hash: a0a230ce 303bd8a9
amazon-q-event-chat-ListConversations = Les conversations d’une application ont été listées. De la part d’un autre que leur auteur, cela peut précéder leur lecture ou leur suppression.

# en: The messages of a conversation were read, questions and answers alike. Check that the reader took part in the conversation.
# hash: d3019022 31d3109f
amazon-q-event-chat-ListMessages = Les messages d’une conversation ont été lus, questions comme réponses. Vérifiez que le lecteur a participé à la conversation.

# en: A user rated an answer or commented on it. Rarely a threat, but it places that user in the application at that time.
# hash: 602149e3 ad0e6296
amazon-q-event-chat-PutFeedback = Un utilisateur a noté une réponse ou l’a commentée. Rarement une menace, mais cela situe cet utilisateur dans l’application à ce moment-là.

# en: Users and groups
# hash: f3fcc2e8 c50a976e
amazon-q-group-users-groups-title = Utilisateurs et groupes

# en: A user was added to an application. Check that the user is known and expected.
# hash: c0f57c8b ebc6026d
amazon-q-event-users-groups-CreateUser = Un utilisateur a été ajouté à une application. Vérifiez qu’il est connu et attendu.

# en: A user was removed from an application. Check that the removal was planned.
# hash: 73f6e5ca a17e9dd5
amazon-q-event-users-groups-DeleteUser = Un utilisateur a été retiré d’une application. Vérifiez que ce retrait était prévu.

# en: The details of an application's user were read, such as their aliases. Reconnaissance if the caller does not manage users.
# hash: b4b683d5 80f9aa53
amazon-q-event-users-groups-GetUser = Les informations d’un utilisateur de l’application ont été lues, comme ses alias. Reconnaissance si l’appelant ne gère pas les utilisateurs.

# en: A user's aliases changed, which can change the documents that user may see.
# hash: d26ea003 f0fecdd8
amazon-q-event-users-groups-UpdateUser = Les alias d’un utilisateur ont changé, ce qui peut modifier les documents auxquels il a accès.

# en: A group was created or its members replaced. Group membership decides who can see which documents: review the new members.
# hash: 3c24ddc9 3d77833b
amazon-q-event-users-groups-PutGroup = Un groupe a été créé ou ses membres remplacés. L’appartenance aux groupes détermine qui voit quels documents : examinez les nouveaux membres.

# en: A group was deleted, and with it the document access that its members had through it.
# hash: 58240cdf f5f6a248
amazon-q-event-users-groups-DeleteGroup = Un groupe a été supprimé, et avec lui l’accès aux documents que ses membres en tiraient.

# en: The details of a group were read. Groups decide who sees which documents: note callers who do not manage them.
# hash: a11629c5 9fe08b22
amazon-q-event-users-groups-GetGroup = Les informations d’un groupe ont été lues. Les groupes décident de qui voit quels documents : relevez les appelants qui ne les gèrent pas.

# en: The groups of an application or index were listed: a map of who can see which documents. Note callers who do not manage them.
# hash: ca50b649 403a73b6
amazon-q-event-users-groups-ListGroups = Les groupes d’une application ou d’un index ont été listés : une carte de qui voit quels documents. Relevez les appelants qui ne les gèrent pas.

# en: Plugins
# hash: 9514b7ff 77bb9ce6
amazon-q-group-plugins-title = Plugins

# en: A plugin now connects the application to a third-party service. Check the target and the credentials it uses.
# hash: d91c558c ba57df10
amazon-q-event-plugins-CreatePlugin = Un plugin relie désormais l’application à un service tiers. Vérifiez la cible et les identifiants qu’il utilise.

# en: A plugin was removed from an application.
# hash: 91fd026b b7397367
amazon-q-event-plugins-DeletePlugin = Un plugin a été retiré d’une application.

# en: The settings of a plugin were read, including the third-party service it calls. Note callers who do not administer the application.
# hash: 8d23be21 b2735995
amazon-q-event-plugins-GetPlugin = Les paramètres d’un plugin ont été lus, dont le service tiers qu’il appelle. Relevez les appelants qui n’administrent pas l’application.

# en: A plugin's target, credentials or state changed. Check that it still points to an approved service.
# hash: c2c04b8d 55bfe93a
amazon-q-event-plugins-UpdatePlugin = La cible, les identifiants ou l’état d’un plugin ont changé. Vérifiez qu’il pointe toujours vers un service approuvé.

# en: Admin controls and guardrails
# hash: 347c98f6 3397db24
amazon-q-group-admin-controls-title = Contrôles d’administration et garde-fous

# en: The guardrails of an application changed: blocked phrases, topic controls or response settings. Weakened guardrails can let users get answers they should not.
# hash: 3c9007f3 3ccc3d30
amazon-q-event-admin-controls-UpdateChatControlsConfiguration = Les garde-fous d’une application ont changé : expressions bloquées, contrôles de sujets ou paramètres de réponse. Des garde-fous affaiblis peuvent permettre d’obtenir des réponses qui devraient être refusées.

# en: The guardrails of an application were removed. Treat this as high priority unless it was planned.
# hash: 6028c85b f87abbd6
amazon-q-event-admin-controls-DeleteChatControlsConfiguration = Les garde-fous d’une application ont été supprimés. Traitez cet événement en priorité, sauf s’il était prévu.

# en: The guardrails of an application were read: blocked phrases and topic rules. Often a prelude to changing them; check what follows.
# hash: e468c500 bd390331
amazon-q-event-admin-controls-GetChatControlsConfiguration = Les garde-fous d’une application ont été lus : expressions bloquées et règles de sujets. Souvent le prélude à leur modification : vérifiez ce qui suit.

# en: CloudTrail does not log data events unless you ask it to. The Amazon Q Business operations below are data events: to record them, add a data-event selector whose `resources.type` is the resource type of the list (in the console, choose the matching data event type). See [Logging Amazon Q Business API calls](https://docs.aws.amazon.com/amazonq/latest/qbusiness-ug/logging-using-cloudtrail.html).
# hash: 14b7a451 9c888360
amazon-q-data-events-intro = CloudTrail ne journalise les événements de données que si vous le lui demandez. Les opérations Amazon Q Business ci-dessous sont des événements de données : pour les enregistrer, ajoutez un sélecteur d’événements de données dont le `resources.type` est le type de ressource de la liste (dans la console, choisissez le type d’événement de données correspondant). Voir [Journalisation des appels d’API Amazon Q Business](https://docs.aws.amazon.com/amazonq/latest/qbusiness-ug/logging-using-cloudtrail.html).

# en: Once the incident is confirmed to involve Amazon Q, answer these questions on top of the usual ones (indicators of compromise, actor, timeline):
# hash: 2ebf8861 c1fd546e
amazon-q-analysis-intro = Une fois l’incident confirmé comme impliquant Amazon Q, répondez à ces questions en plus des questions habituelles (indicateurs de compromission, acteur, chronologie) :

# en: Which resources were created, and which were deleted?
# hash: 26003cb4 88520c73
amazon-q-analysis-created-deleted = Quelles ressources ont été créées, et lesquelles ont été supprimées ?

# en: Which plugins were used?
# hash: 7988d38c e71fb257
amazon-q-analysis-plugins = Quels plugins ont été utilisés ?

# en: Which applications could Amazon Q reach during the incident?
# hash: 1eab9143 49d4c92e
amazon-q-analysis-reachable-apps = À quelles applications Amazon Q avait-il accès pendant l’incident ?

# en: Did Amazon Q actually access those applications?
# hash: fe0c6cae bd8c5414
amazon-q-analysis-accessed-apps = Amazon Q a-t-il réellement accédé à ces applications ?

# en: Were files of any kind uploaded to Amazon Q?
# hash: 0e79a01d 17192546
amazon-q-analysis-uploads = Des fichiers, de quelque type que ce soit, ont-ils été déposés dans Amazon Q ?

# en: Does Amazon Q have access to any IDE environment?
# hash: c4b61006 937f5903
amazon-q-analysis-ide-access = Amazon Q a-t-il accès à un environnement de développement (IDE) ?

# en: Delete or rotate IAM user access keys and root user access keys. If you cannot tell which keys were exposed, consider rotating every key in the account.
# hash: 89da7c50 b89124d4
amazon-q-containment-rotate-keys = Supprimez ou renouvelez les clés d’accès des utilisateurs IAM et de l’utilisateur racine. Si vous ne pouvez pas déterminer quelles clés ont été exposées, envisagez de renouveler toutes les clés du compte.

# en: IAM users
# hash: 457d2c64 8a1f68d7
amazon-q-containment-rotate-keys-link-1 = Utilisateurs IAM

# en: Root user security credentials
# hash: 5bc093f8 a0d0a8af
amazon-q-containment-rotate-keys-link-2 = Identifiants de sécurité de l’utilisateur racine

# en: Delete IAM users that nobody authorized.
# hash: 0ed9ddfe 99c881f2
amazon-q-containment-delete-users = Supprimez les utilisateurs IAM que personne n’a autorisés.

# en: IAM users
# hash: 457d2c64 8a1f68d7
amazon-q-containment-delete-users-link-1 = Utilisateurs IAM

# en: Delete IAM policies that nobody authorized.
# hash: 78a6244a fb030136
amazon-q-containment-delete-policies = Supprimez les politiques IAM que personne n’a autorisées.

# en: IAM policies
# hash: 478a88df f911ca56
amazon-q-containment-delete-policies-link-1 = Politiques IAM

# en: Delete IAM roles that nobody authorized.
# hash: ddf8e2fd 452c1a83
amazon-q-containment-delete-roles = Supprimez les rôles IAM que personne n’a autorisés.

# en: IAM roles
# hash: db3bb403 75653997
amazon-q-containment-delete-roles-link-1 = Rôles IAM

# en: Revoke the temporary credentials issued before a given time. Deleting the IAM user also revokes them.
# hash: 5d1880c2 13dabd32
amazon-q-containment-revoke-sessions = Révoquez les identifiants temporaires émis avant une date donnée. Supprimer l’utilisateur IAM les révoque également.

# en: Denying access to credentials by issue time
# hash: 588eebb4 85043732
amazon-q-containment-revoke-sessions-link-1 = Refuser l’accès aux identifiants selon leur date d’émission

# en: Deleting IAM users can break production workloads; do it with care.
# hash: f6959293 ca2b6c20
amazon-q-containment-revoke-sessions-note = Supprimer des utilisateurs IAM peut interrompre des charges de travail en production ; procédez avec prudence.

# en: Delete an Amazon Q Business application that nobody authorized.
# hash: 7e0db1ea 0ed1a3a2
amazon-q-containment-delete-application = Supprimez toute application Amazon Q Business que personne n’a autorisée.

# en: Managing Amazon Q Business applications
# hash: dddd5455 7409f19d
amazon-q-containment-delete-application-link-1 = Gérer les applications Amazon Q Business

# en: Delete an unauthorized native retriever.
# hash: bbfdc986 7e596b0e
amazon-q-containment-delete-retriever = Supprimez tout récupérateur natif non autorisé.

# en: Managing native retrievers
# hash: 4616d1ee 48217dea
amazon-q-containment-delete-retriever-link-1 = Gérer les récupérateurs natifs

# en: Delete an unauthorized Amazon Kendra retriever.
# hash: e9c12ad7 554d74fd
amazon-q-containment-delete-kendra-retriever = Supprimez tout récupérateur Amazon Kendra non autorisé.

# en: Managing Amazon Kendra retrievers
# hash: 4cc1ad52 84465249
amazon-q-containment-delete-kendra-retriever-link-1 = Gérer les récupérateurs Amazon Kendra

# en: Delete documents that were uploaded without authorization.
# hash: 0ffdff8a fcc30542
amazon-q-containment-delete-documents = Supprimez les documents déposés sans autorisation.

# en: Deleting uploaded documents
# hash: e85fe948 e46934a5
amazon-q-containment-delete-documents-link-1 = Supprimer des documents déposés

# en: Delete an unauthorized data source.
# hash: f1a464c7 44647d07
amazon-q-containment-delete-data-source = Supprimez toute source de données non autorisée.

# en: Managing data sources
# hash: 46baadf6 c87c8320
amazon-q-containment-delete-data-source-link-1 = Gérer les sources de données

# en: Delete an unauthorized web experience.
# hash: 24b00e97 a781b41a
amazon-q-containment-delete-web-experience = Supprimez toute expérience web non autorisée.

# en: Managing web experiences
# hash: f8608896 f3f967a4
amazon-q-containment-delete-web-experience-link-1 = Gérer les expériences web

# en: Create new IAM users with least-privilege policies.
# hash: b013019c 50c8dcae
amazon-q-recovery-least-privilege = Créez de nouveaux utilisateurs IAM dotés de politiques de moindre privilège.

# en: **Never** put confidential or sensitive data, such as customer email addresses, in tags or free-form fields like a resource name, whether you use the console, the API, the AWS CLI or an SDK. What you type there may end up in billing and diagnostic logs.
# hash: 2361f4f5 b9b29f70
amazon-q-data-protection-no-sensitive-text = Ne placez **jamais** de données confidentielles ou sensibles, comme les adresses e-mail de vos clients, dans des balises ou des champs libres tels que le nom d’une ressource, que vous passiez par la console, l’API, l’AWS CLI ou un SDK. Ce que vous y saisissez peut se retrouver dans les journaux de facturation et de diagnostic.

# en: Amazon Q stores the questions it receives, its answers and the context it used (console metadata, code from the IDE) to generate its responses.
# hash: 1d9ff3b6 6eb7f1d2
amazon-q-data-protection-stored-context = Amazon Q conserve les questions qu’il reçoit, ses réponses et le contexte utilisé (métadonnées de la console, code de l’IDE) pour générer ses réponses.

# en: Amazon Q stores data in US Regions: conversations in US East (N. Virginia), and console error troubleshooting sessions in US West (Oregon).
# hash: ce98669b 8123304f
amazon-q-data-protection-us-regions = Amazon Q stocke les données dans des Régions des États-Unis : les conversations dans USA Est (Virginie du Nord), les sessions de dépannage des erreurs de la console dans USA Ouest (Oregon).

# en: The `AmazonQFullAccess` managed policy grants full access to Amazon Q. Administrators and power users already have this access; attach the policy to other users and roles that need it, or grant only the Amazon Q actions they need.
# hash: cc14b44f e4d94ff7
amazon-q-permissions-note-managed-policy = La politique gérée `AmazonQFullAccess` donne un accès complet à Amazon Q. Les administrateurs et les utilisateurs avancés (power users) disposent déjà de cet accès ; attachez la politique aux autres utilisateurs et rôles qui en ont besoin, ou n’accordez que les actions Amazon Q nécessaires.

# en: If an attached policy does not explicitly allow one of the actions below, Amazon Q returns an IAM permissions error when the user tries the task.
# hash: c2184d0d 6c5290ff
amazon-q-permissions-note-denied = Si aucune politique attachée n’autorise explicitement l’une des actions ci-dessous, Amazon Q renvoie une erreur d’autorisation IAM lorsque l’utilisateur tente la tâche.

# en: Ask Amazon Q questions in the AWS console
# hash: 5cdac454 77f12321
amazon-q-task-console-questions = Poser des questions à Amazon Q dans la console AWS

# en: Troubleshoot console errors with Amazon Q
# hash: 5c96d77c e9a45727
amazon-q-task-troubleshooting = Dépanner les erreurs de la console avec Amazon Q

# en: Record here what is specific to your organization and matters when you run this playbook: items that need no fix but shape how the steps fit your operational and business constraints.
# hash: 2d0ddcd2 bc8fcdaf
amazon-q-lesson-company-context = Consignez ici ce qui est propre à votre organisation et compte lors de l’exécution de ce playbook : des points qui n’appellent aucune correction mais conditionnent la façon dont les étapes s’adaptent à vos contraintes opérationnelles et métier.

# en: Event names are checked against the AWS registry of API operations and IAM actions, so misspelt, plural or translated names cannot ship.
# hash: e706ee43 706c5a8d
amazon-q-backlog-addressed-registry-check = Les noms d’événements sont vérifiés dans le registre AWS des opérations d’API et des actions IAM : un nom mal orthographié, au pluriel ou traduit ne peut plus être publié.

# en: Event tables are generated from the source instead of typed by hand.
# hash: a9b39d3d b90b1b77
amazon-q-backlog-addressed-generated-tables = Les tableaux d’événements sont générés à partir de la source au lieu d’être saisis à la main.

# en: Add ready-to-run CloudTrail Lake queries for the sensitive events (deletions, document uploads, user, group, plugin and guardrail changes).
# hash: c91f3c79 5bdc0401
amazon-q-backlog-current-queries = Ajouter des requêtes CloudTrail Lake prêtes à l’emploi pour les événements sensibles (suppressions, dépôts de documents, modifications d’utilisateurs, de groupes, de plugins et de garde-fous).

# en: Cover prompt and answer logs once Amazon Q offers model invocation logging.
# hash: 40f1fc0c 9eb6bece
amazon-q-backlog-current-invocation-logging = Couvrir les journaux de requêtes et de réponses lorsqu’Amazon Q proposera la journalisation des invocations de modèle.

# en: Source
# hash: 0e570ca6 bf414f49
amazon-q-note-source-title = Source

# en: Adapted from a public AWS incident-response playbook for Amazon Q, published under the [Creative Commons Attribution 4.0](https://creativecommons.org/licenses/by/4.0/) licence; rewritten and corrected for irbook.
# hash: cd37bcc3 cd0c1423
amazon-q-note-source-markdown = Adapté d’un playbook public de réponse aux incidents publié par AWS pour Amazon Q, sous licence [Creative Commons Attribution 4.0](https://creativecommons.org/licenses/by/4.0/) ; réécrit et corrigé pour irbook.
