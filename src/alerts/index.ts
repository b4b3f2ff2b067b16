// Public entry of the monitoring kit (issue 7, items 3-4): the shared metric names, alert rules and their
// promtool unit test, the Alertmanager configuration, the Prometheus configuration and the Grafana dashboard.

export { METRIC_FAMILIES, familyOf, metricNamesIn, type MetricFamily, type MetricType } from './metric-names.js';
export { SHAPES, alertExpr, num, promDuration, promThreshold, selector, type Shape } from './promql.js';
export { buildRules, buildAlertmanager, ruleOf, describeRule, channelMatcher, type PromRule, type RulesFile, type AlertmanagerOptions } from './rules.js';
export { buildRulesTest, groupsFor, type RulesTestFile, type TestGroup } from './rules-test.js';
export { prometheusConfig, targetLabelsFor, grafanaDashboard, DASHBOARD_ROWS, type PrometheusConfigOptions } from './deploy.js';
export { generateAlerts, renderAlerts, toYaml, ALERT_FILES, type GenerateResult, type GeneratedAlerts } from './generate.js';
