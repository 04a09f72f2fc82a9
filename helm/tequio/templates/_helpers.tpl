{{/* Names */}}
{{- define "tequio.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "tequio.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains (include "tequio.name" .) .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "tequio.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* <fullname>-<component>; call with (dict "root" $ "component" "catalog") */}}
{{- define "tequio.componentName" -}}
{{- printf "%s-%s" (include "tequio.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "tequio.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: tequio
{{ include "tequio.selectorLabels" . }}
{{- end -}}

{{- define "tequio.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tequio.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "tequio.image" -}}
{{- $image := .Values.image -}}
{{- if $image.digest -}}
{{- printf "%s@%s" $image.repository $image.digest -}}
{{- else -}}
{{- printf "%s:%s" $image.repository (default .Chart.AppVersion $image.tag) -}}
{{- end -}}
{{- end -}}

{{/* A service's settings: the defaults merged under its own block. Call with (dict "root" $ "name" "catalog") */}}
{{- define "tequio.serviceSettings" -}}
{{- $own := index .root.Values.services .name -}}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.defaults) (deepCopy $own)) -}}
{{- end -}}

{{/* Services switched on, sorted by name, as a list. */}}
{{- define "tequio.enabledServices" -}}
{{- $names := list -}}
{{- range $name, $service := .Values.services -}}
{{- if $service.enabled -}}{{- $names = append $names $name -}}{{- end -}}
{{- end -}}
{{- toJson (sortAlpha $names) -}}
{{- end -}}

{{- define "tequio.configMapName" -}}{{ include "tequio.fullname" . }}-config{{- end -}}

{{- define "tequio.databaseSecretName" -}}
{{- default (printf "%s-database" (include "tequio.fullname" .)) .Values.database.existingSecret -}}
{{- end -}}

{{- define "tequio.databaseSecretKey" -}}
{{- if .Values.database.existingSecret -}}{{ .Values.database.existingSecretKey }}{{- else -}}url{{- end -}}
{{- end -}}

{{/*
Environment every Tequio container shares (services, migrations, topic provisioning): configuration from the
ConfigMap, the database URL from its Secret, the Kafka CA file. Call with (dict "root" $ "kafkaUser" "<user or empty>").
*/}}
{{- define "tequio.commonEnv" -}}
{{- $root := .root -}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "tequio.databaseSecretName" $root }}
      key: {{ include "tequio.databaseSecretKey" $root }}
{{- if and .kafkaUser (ne $root.Values.kafka.sasl.mechanism "none") }}
- name: KAFKA_SASL_MECHANISM
  value: {{ $root.Values.kafka.sasl.mechanism | quote }}
- name: KAFKA_SASL_USERNAME
  value: {{ .kafkaUser | quote }}
- name: KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .kafkaUser }}
      key: {{ $root.Values.kafka.sasl.passwordKey }}
{{- end }}
{{- if and $root.Values.kafka.tls.enabled $root.Values.kafka.tls.caSecret }}
- name: KAFKA_TLS_CA_FILE
  value: /etc/tequio/kafka-ca/{{ $root.Values.kafka.tls.caKey }}
{{- end }}
{{- end -}}

{{- define "tequio.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if and .Values.kafka.tls.enabled .Values.kafka.tls.caSecret }}
- name: kafka-ca
  mountPath: /etc/tequio/kafka-ca
  readOnly: true
{{- end }}
{{- end -}}

{{- define "tequio.volumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: 64Mi
{{- if and .Values.kafka.tls.enabled .Values.kafka.tls.caSecret }}
- name: kafka-ca
  secret:
    secretName: {{ .Values.kafka.tls.caSecret }}
{{- end }}
{{- end -}}

{{/* Pod-level settings shared by Deployments and Jobs. */}}
{{- define "tequio.podSecurity" -}}
{{- if .Values.serviceAccount.name }}
serviceAccountName: {{ .Values.serviceAccount.name }}
{{- end }}
automountServiceAccountToken: false
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- end -}}

{{/* Hook resources the hook Jobs read must exist before them: Helm creates hooks by weight. */}}
{{- define "tequio.configHookAnnotations" -}}
helm.sh/hook: pre-install,pre-upgrade
helm.sh/hook-weight: "-20"
helm.sh/hook-delete-policy: before-hook-creation
{{- end -}}
