{{/* The chart name, or nameOverride. */}}
{{- define "lvs-director.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The name of the release's objects: fullnameOverride, or release name + chart name (once). */}}
{{- define "lvs-director.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "lvs-director.selectorLabels" -}}
app.kubernetes.io/name: {{ include "lvs-director.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "lvs-director.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "lvs-director.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "lvs-director.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/*
The Secret holding the API token and its key: the existing one if given, else the chart's own.
Rendering fails when token authentication has no token at all: the director would refuse to start.
*/}}
{{- define "lvs-director.tokenSecretName" -}}
{{- if .Values.auth.existingSecret }}
{{- .Values.auth.existingSecret }}
{{- else if .Values.auth.token }}
{{- include "lvs-director.fullname" . }}
{{- else }}
{{- fail "auth.mode is token but no token is given: set auth.existingSecret (a Secret holding the token) or auth.token, or auth.mode=none" }}
{{- end }}
{{- end }}

{{- define "lvs-director.tokenSecretKey" -}}
{{- if .Values.auth.existingSecret }}{{ .Values.auth.existingSecretKey }}{{ else }}token{{ end }}
{{- end }}

{{/* True (non-empty) when the chart creates the token Secret itself. */}}
{{- define "lvs-director.createsTokenSecret" -}}
{{- if and (eq .Values.auth.mode "token") (not .Values.auth.existingSecret) .Values.auth.token }}true{{ end }}
{{- end }}
