{{/*
Chart name, truncated to the 63 characters a DNS label allows.
*/}}
{{- define "quiz-platform.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name: <release>-<chart> unless the release name already contains the chart name.
Kept to 52 characters so "<fullname>-<service>" (and "-quiz" Ingress names) stay within 63.
*/}}
{{- define "quiz-platform.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 52 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 52 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 52 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "quiz-platform.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels common to every object.
*/}}
{{- define "quiz-platform.labels" -}}
helm.sh/chart: {{ include "quiz-platform.chart" . }}
{{ include "quiz-platform.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: quiz-platform
{{- end }}

{{- define "quiz-platform.selectorLabels" -}}
app.kubernetes.io/name: {{ include "quiz-platform.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Per-service helpers take a dict: (dict "root" $ "key" "user" "svc" $svc).
*/}}
{{- define "quiz-platform.serviceName" -}}
{{- printf "%s-%s" (include "quiz-platform.fullname" .root) .key | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "quiz-platform.serviceLabels" -}}
{{ include "quiz-platform.labels" .root }}
app.kubernetes.io/component: {{ .key }}
quiz-platform/deployment: {{ .svc.deployment }}
{{- end }}

{{/*
Whether a service (by its key) is one of the four backend services: it has a database (its own keys in the Secret),
loads the shared ConfigMap and talks to Kafka and Redis. "true" or "". The web client (web) is not one.
*/}}
{{- define "quiz-platform.isBackend" -}}
{{- if has .key (list "user" "quiz" "answer" "scoring") }}true{{ end }}
{{- end }}

{{- define "quiz-platform.serviceSelectorLabels" -}}
{{ include "quiz-platform.selectorLabels" .root }}
app.kubernetes.io/component: {{ .key }}
{{- end }}

{{/*
Image reference of a service: [<registry>/]<repository>@<digest> when image.digest is set (the tag is then ignored: a
digest names exactly one image), otherwise [<registry>/]<repository>:<tag>, the tag defaulting to the global tag,
then appVersion. .valuesPath names the values block in error messages (services.<key>, ear, tests).
*/}}
{{- define "quiz-platform.image" -}}
{{- $img := .svc.image | default dict }}
{{- $where := .valuesPath | default (printf "services.%s" .key) }}
{{- $repo := required (printf "%s.image.repository is required" $where) $img.repository }}
{{- $ref := "" }}
{{- if $img.digest }}
{{- if not (regexMatch "^sha256:[a-f0-9]{64}$" (toString $img.digest)) }}
{{- fail (printf "%s.image.digest must be sha256:<64 hex digits>, got %q" $where (toString $img.digest)) }}
{{- end }}
{{- $ref = printf "%s@%s" $repo $img.digest }}
{{- else }}
{{- $tag := $img.tag | default .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- $ref = printf "%s:%s" $repo (toString $tag) }}
{{- end }}
{{- if and .root.Values.image.registry (not .noRegistry) }}
{{- printf "%s/%s" (trimSuffix "/" .root.Values.image.registry) $ref }}
{{- else }}
{{- $ref }}
{{- end }}
{{- end }}

{{/*
The web client's public paths (web-app's context root is /), as YAML [{path, type}]: its start page exactly, its
folders of pages, scripts, styles and texts, its icon and QR codes (QrCodeServlet). Never "/" as a prefix: Liberty
serves /metrics (mpMetrics without authentication), /health and /openapi at the root of the same server, and a "/"
prefix would publish them. A test keeps this list in step with web-app/src/main/webapp's top-level entries.
*/}}
{{- define "quiz-platform.webRoutes" -}}
- {path: /, type: Exact}
- {path: /play, type: Prefix}
- {path: /host, type: Prefix}
- {path: /js, type: Prefix}
- {path: /css, type: Prefix}
- {path: /i18n, type: Prefix}
- {path: /favicon.svg, type: Exact}
- {path: /qr.svg, type: Exact}
{{- end }}

{{/*
The workloads this release runs, as YAML: a map from key to the service's values plus
  routes:   the paths its Service answers behind the Ingress/HTTPRoute, [{path, type, websocket, web}]: type Prefix
            (a service's context root) or Exact; web marks the web client's paths (quiz-platform.webRoutes), which
            the Ingress lists last
  backend:  "true" for servers with databases, Kafka and Redis (the four services, or the EAR)
  dbKeys:   the services whose <SVC>_DB_* keys it gets from the Secret
  valuesPath: where its values live (for messages)
mode: split (default) is one workload per enabled services.* entry; mode: ear is a single workload "ear" running the
EAR (all four services and the web client in one server, the enterprise deployment), configured by ear.*.
*/}}
{{- define "quiz-platform.workloads" -}}
{{- $out := dict }}
{{- $mode := .Values.mode | default "split" }}
{{- if eq $mode "ear" }}
{{- $ear := deepCopy (.Values.ear | default dict) }}
{{- $_ := set $ear "enabled" true }}
{{- $_ := set $ear "deployment" "ear" }}
{{- $_ := set $ear "path" "/" }}
{{- $routes := list }}
{{- range $p := list "/user" "/quiz" "/answer" "/scoring" }}
{{- $routes = append $routes (dict "path" $p "type" "Prefix" "websocket" (eq $p "/quiz") "web" false) }}
{{- end }}
{{- range $r := (include "quiz-platform.webRoutes" . | fromYamlArray) }}
{{- $routes = append $routes (dict "path" $r.path "type" $r.type "websocket" false "web" true) }}
{{- end }}
{{- $_ := set $ear "routes" $routes }}
{{- $_ := set $ear "backend" "true" }}
{{- $_ := set $ear "dbKeys" (list "user" "quiz" "answer" "scoring") }}
{{- $_ := set $ear "valuesPath" "ear" }}
{{- $_ := set $out "ear" $ear }}
{{- else if eq $mode "split" }}
{{- range $key, $svc := .Values.services }}
{{- if $svc.enabled }}
{{- $w := deepCopy $svc }}
{{- $backend := include "quiz-platform.isBackend" (dict "key" $key) }}
{{- $path := $svc.path | default (printf "/%s" $key) }}
{{- if and (eq $key "web") (eq $path "/") }}
{{- $routes := list }}
{{- range $r := (include "quiz-platform.webRoutes" $ | fromYamlArray) }}
{{- $routes = append $routes (dict "path" $r.path "type" $r.type "websocket" false "web" true) }}
{{- end }}
{{- $_ := set $w "routes" $routes }}
{{- else }}
{{- $_ := set $w "routes" (list (dict "path" $path "type" "Prefix" "websocket" (eq $key "quiz") "web" false)) }}
{{- end }}
{{- $_ := set $w "backend" $backend }}
{{- $_ := set $w "dbKeys" (ternary (list $key) (list) (eq $backend "true")) }}
{{- $_ := set $w "valuesPath" (printf "services.%s" $key) }}
{{- $_ := set $out $key $w }}
{{- end }}
{{- end }}
{{- else }}
{{- fail (printf "mode must be split or ear, got %q" $mode) }}
{{- end }}
{{- toYaml $out }}
{{- end }}

{{/*
The pod securityContext: podSecurityContext without the fields set to null, so OpenShift's restricted SCC can assign
runAsUser/fsGroup itself (podSecurityContext.runAsUser=null).
*/}}
{{- define "quiz-platform.podSecurityContext" -}}
{{- $out := dict }}
{{- range $k, $v := (.Values.podSecurityContext | default dict) }}
{{- if not (kindIs "invalid" $v) }}
{{- $_ := set $out $k $v }}
{{- end }}
{{- end }}
{{- if $out }}
{{- toYaml $out }}
{{- end }}
{{- end }}

{{/*
The Kafka partitions bounding a workload's replicas: the fewest partitions among the topics it consumes in a consumer
group (kafka.topicPartitions, consumesTopics). A replica beyond that many gets no partition of that topic and sits
idle. Returns the number, or "" when the workload consumes no such topic. Fails on a topic the chart does not know.
*/}}
{{- define "quiz-platform.partitionBound" -}}
{{- $bound := 0 }}
{{- $partitions := (.root.Values.kafka | default dict).topicPartitions | default dict }}
{{- range $topic := (.svc.consumesTopics | default list) }}
{{- if not (hasKey $partitions $topic) }}
{{- fail (printf "%s.consumesTopics: %q is not in kafka.topicPartitions (%s)" $.svc.valuesPath $topic (keys $partitions | sortAlpha | join ", ")) }}
{{- end }}
{{- $n := index $partitions $topic | int }}
{{- if or (eq $bound 0) (lt $n $bound) }}
{{- $bound = $n }}
{{- end }}
{{- end }}
{{- if gt $bound 0 }}{{ $bound }}{{ end }}
{{- end }}

{{- define "quiz-platform.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "quiz-platform.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Name of the Secret holding database credentials and the Redis password.
*/}}
{{- define "quiz-platform.secretName" -}}
{{- if .Values.secrets.existingSecret }}
{{- .Values.secrets.existingSecret }}
{{- else }}
{{- include "quiz-platform.fullname" . }}
{{- end }}
{{- end }}

{{/*
An environment variable value as a string. Helm reads numbers in values files as float64, which would print large
ones as 2.1e+05; whole numbers are printed as integers.
*/}}
{{- define "quiz-platform.envValue" -}}
{{- if kindIs "float64" . }}
{{- if eq (float64 (int64 .)) . }}{{ int64 . }}{{ else }}{{ . }}{{ end }}
{{- else }}
{{- toString . }}
{{- end }}
{{- end }}

{{/*
The HTTP port Liberty listens on (HTTP_PORT), as an integer.
*/}}
{{- define "quiz-platform.httpPort" -}}
{{- .Values.config.httpPort | default 9080 | int }}
{{- end }}

{{/*
JWT_JWKS_URL: config.jwt.jwksUrl, or this release's user Service (the key set is public; in-cluster HTTP).
*/}}
{{- define "quiz-platform.jwksUrl" -}}
{{- $jwt := .Values.config.jwt | default dict }}
{{- if $jwt.jwksUrl }}
{{- $jwt.jwksUrl }}
{{- else }}
{{- $user := index (.Values.services | default dict) "user" | default dict }}
{{- if ne (.Values.mode | default "split") "ear" }}
{{- /* (mode ear: empty, so the EAR server verifies against its own /user/api/jwks, the application's default.) */ -}}
{{- if not $user.enabled }}
{{- fail "config.jwt.jwksUrl is required when services.user.enabled is false (the services verify tokens against user-app's /user/api/jwks)" }}
{{- end }}
{{- printf "http://%s.%s.svc:%d/user/api/jwks" (include "quiz-platform.serviceName" (dict "root" . "key" "user" "svc" $user)) .Release.Namespace (.Values.service.port | int) }}
{{- end }}
{{- end }}
{{- end }}

{{/*
A comma-separated setting that may be given as a string or a list (config.adminEmails, config.trustedProxies).
*/}}
{{- define "quiz-platform.commaList" -}}
{{- if kindIs "slice" . }}
{{- $items := list }}
{{- range . }}{{ if . }}{{ $items = append $items (toString . | trim) }}{{ end }}{{ end }}
{{- join "," $items }}
{{- else if not (kindIs "invalid" .) }}
{{- toString . | trim }}
{{- end }}
{{- end }}

{{/*
Where user-app's JWT signing key comes from, as YAML: {secretName, key}, or {} when none is configured (user-app then
uses the development key it keeps in user_db). Fails on inconsistent values or a PEM user-app cannot read.
*/}}
{{- define "quiz-platform.jwtSigningKeySource" -}}
{{- $s := .Values.secrets }}
{{- if and $s.jwtSigningKey $s.jwtSigningKeyExistingSecret }}
{{- fail "set only one of secrets.jwtSigningKey and secrets.jwtSigningKeyExistingSecret" }}
{{- end }}
{{- if $s.jwtSigningKeyExistingSecret }}
secretName: {{ $s.jwtSigningKeyExistingSecret | quote }}
key: {{ required "secrets.jwtSigningKeyExistingSecretKey is required with secrets.jwtSigningKeyExistingSecret" $s.jwtSigningKeyExistingSecretKey | quote }}
{{- else if $s.jwtSigningKey }}
{{- if contains "BEGIN RSA PRIVATE KEY" $s.jwtSigningKey }}
{{- fail "secrets.jwtSigningKey is a PKCS#1 key (BEGIN RSA PRIVATE KEY); user-app reads PKCS#8: openssl pkcs8 -topk8 -nocrypt -in key.pem -out signing-key.pem" }}
{{- end }}
{{- if not (contains "-----BEGIN PRIVATE KEY-----" $s.jwtSigningKey) }}
{{- fail "secrets.jwtSigningKey must be an unencrypted PKCS#8 PEM RSA private key (-----BEGIN PRIVATE KEY-----), e.g. from: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out signing-key.pem" }}
{{- end }}
{{- if and $s.existingSecret (eq $s.existingSecret (include "quiz-platform.fullname" .)) }}
{{- fail (printf "secrets.jwtSigningKey goes into the chart's Secret %q, which secrets.existingSecret also names; rename one, or put the key into your Secret and use secrets.jwtSigningKeyExistingSecret" $s.existingSecret) }}
{{- end }}
secretName: {{ include "quiz-platform.fullname" . | quote }}
key: "jwt-signing-key.pem"
{{- end }}
{{- end }}

{{/*
Where the signing key is mounted in the user pods (JWT_SIGNING_KEY_LOCATION is "<dir>/<file>").
*/}}
{{- define "quiz-platform.jwtSigningKeyDir" -}}
/config/secrets/jwt
{{- end }}
{{- define "quiz-platform.jwtSigningKeyFile" -}}
signing-key.pem
{{- end }}

{{/*
Where quiz-app's PLAYER_TOKEN_SECRET comes from, as YAML: {secretName, key}, or {} when none is configured (quiz-app
then generates one and keeps it in quiz_db). Fails on inconsistent values or a secret shorter than 32 bytes.
*/}}
{{- define "quiz-platform.playerTokenSecretSource" -}}
{{- $s := .Values.secrets }}
{{- if and $s.playerTokenSecret $s.playerTokenSecretExistingSecret }}
{{- fail "set only one of secrets.playerTokenSecret and secrets.playerTokenSecretExistingSecret" }}
{{- end }}
{{- if $s.playerTokenSecretExistingSecret }}
secretName: {{ $s.playerTokenSecretExistingSecret | quote }}
key: {{ required "secrets.playerTokenSecretExistingSecretKey is required with secrets.playerTokenSecretExistingSecret" $s.playerTokenSecretExistingSecretKey | quote }}
{{- else if $s.playerTokenSecret }}
{{- if not (kindIs "string" $s.playerTokenSecret) }}
{{- fail "secrets.playerTokenSecret must be a string (quote it)" }}
{{- end }}
{{- if lt (len $s.playerTokenSecret) 32 }}
{{- fail "secrets.playerTokenSecret must be at least 32 bytes (quiz-app refuses to start otherwise), e.g. from: openssl rand -base64 48" }}
{{- end }}
{{- if and $s.existingSecret (eq $s.existingSecret (include "quiz-platform.fullname" .)) }}
{{- fail (printf "secrets.playerTokenSecret goes into the chart's Secret %q, which secrets.existingSecret also names; rename one, or put the secret into your Secret and use secrets.playerTokenSecretExistingSecret" $s.existingSecret) }}
{{- end }}
secretName: {{ include "quiz-platform.fullname" . | quote }}
key: "PLAYER_TOKEN_SECRET"
{{- end }}
{{- end }}

{{/*
WS_ALLOWED_ORIGINS of quiz-app: config.wsAllowedOrigins (string or list), or else https://<host> of every Ingress
host (wildcards skipped) when the Ingress is enabled, or else "" (the application's default). Origins are compared
exactly by quiz-app, so an entry with a path or a trailing slash would never match: refused here.
*/}}
{{- define "quiz-platform.wsAllowedOrigins" -}}
{{- $configured := include "quiz-platform.commaList" .Values.config.wsAllowedOrigins }}
{{- if $configured }}
{{- range (splitList "," $configured) }}
{{- if not (regexMatch "^https?://[^/\\s,]+$" (trim .)) }}
{{- fail (printf "config.wsAllowedOrigins: %q is not an origin; write scheme://host[:port], without path or trailing slash, e.g. https://quiz.example.org" (trim .)) }}
{{- end }}
{{- end }}
{{- $configured }}
{{- else if or .Values.ingress.enabled (.Values.gateway | default dict).enabled }}
{{- $hosts := list }}
{{- if .Values.ingress.enabled }}
{{- range (.Values.ingress.hosts | default list) }}{{ $hosts = append $hosts .host }}{{ end }}
{{- end }}
{{- if (.Values.gateway | default dict).enabled }}
{{- if .Values.gateway.hostnames }}
{{- $hosts = concat $hosts .Values.gateway.hostnames }}
{{- else }}
{{- range (.Values.ingress.hosts | default list) }}{{ $hosts = append $hosts .host }}{{ end }}
{{- end }}
{{- end }}
{{- $origins := list }}
{{- range $hosts }}
{{- if and . (not (hasPrefix "*" .)) }}
{{- $origins = append $origins (printf "https://%s" .) }}
{{- end }}
{{- end }}
{{- $origins | uniq | join "," }}
{{- end }}
{{- end }}

{{/*
Whether the chart renders its own Secret: for the database connections (no existingSecret), the JWT key and/or the
player token secret.
*/}}
{{- define "quiz-platform.createSecret" -}}
{{- if or (not .Values.secrets.existingSecret) .Values.secrets.jwtSigningKey .Values.secrets.playerTokenSecret }}true{{ end }}
{{- end }}

{{/*
An nginx size ("1m", "512k", "1g", bytes) in bytes; 0 for "0" (no limit) or what it cannot read.
*/}}
{{- define "quiz-platform.nginxBytes" -}}
{{- $s := lower (toString .) -}}
{{- if regexMatch "^[0-9]+$" $s -}}{{ $s }}
{{- else if regexMatch "^[0-9]+k$" $s -}}{{ mul (trimSuffix "k" $s | int64) 1024 }}
{{- else if regexMatch "^[0-9]+m$" $s -}}{{ mul (trimSuffix "m" $s | int64) 1048576 }}
{{- else if regexMatch "^[0-9]+g$" $s -}}{{ mul (trimSuffix "g" $s | int64) 1073741824 }}
{{- else -}}0
{{- end -}}
{{- end }}
