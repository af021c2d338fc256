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

{{- define "quiz-platform.serviceSelectorLabels" -}}
{{ include "quiz-platform.selectorLabels" .root }}
app.kubernetes.io/component: {{ .key }}
{{- end }}

{{/*
Image reference of a service: [<registry>/]<repository>:<tag>, the tag defaulting to the global tag, then appVersion.
*/}}
{{- define "quiz-platform.image" -}}
{{- $img := .svc.image | default dict }}
{{- $repo := required (printf "services.%s.image.repository is required" .key) $img.repository }}
{{- $tag := $img.tag | default .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- if .root.Values.image.registry }}
{{- printf "%s/%s:%s" (trimSuffix "/" .root.Values.image.registry) $repo (toString $tag) }}
{{- else }}
{{- printf "%s:%s" $repo (toString $tag) }}
{{- end }}
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
REDIS_URL with credentials spliced in, for pods when config.redis.auth is true. $(REDIS_PASSWORD) is expanded by
Kubernetes from the REDIS_PASSWORD variable defined just before it.
*/}}
{{- define "quiz-platform.redisUrlWithPassword" -}}
{{- $url := required "config.redis.url is required" .Values.config.redis.url }}
{{- if not (regexMatch "^rediss?://" $url) }}
{{- fail "config.redis.url must start with redis:// or rediss://" }}
{{- end }}
{{- if contains "@" $url }}
{{- fail "config.redis.url must not contain credentials when config.redis.auth is true (the password comes from the Secret)" }}
{{- end }}
{{- $parts := splitn "://" 2 $url }}
{{- printf "%s://%s:$(REDIS_PASSWORD)@%s" $parts._0 (.Values.config.redis.username | default "") $parts._1 }}
{{- end }}
