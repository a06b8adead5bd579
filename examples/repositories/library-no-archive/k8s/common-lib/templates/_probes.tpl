{{- define "common.httpProbes" -}}
readinessProbe:
  httpGet:
    path: {{ .path | default "/health" }}
    port: http
  periodSeconds: 3
livenessProbe:
  httpGet:
    path: {{ .path | default "/health" }}
    port: http
  initialDelaySeconds: 5
{{- end }}
