#include "sourceoptions.h"

#include "models/sources/loki/lokitarget.h"

namespace vigil {

void declareSourceOptions(CommandLine& line, SourceOptions* out) {
    line.text(
        QStringLiteral("--selector"), QStringLiteral("LOGQL"), &out->selector,
        QStringLiteral("Loki roots: the streams to read, e.g. '{job=\"api\"}' (default: every stream); "
                       "credentials come from VIGIL_LOKI_TOKEN or VIGIL_LOKI_USER and VIGIL_LOKI_PASSWORD"));
    line.text(QStringLiteral("--instance-label"), QStringLiteral("LABEL"), &out->instanceLabel,
              QStringLiteral("Loki roots: the label naming an instance (default: the first of instance, "
                             "service_instance_id, pod, host)"));
    line.text(QStringLiteral("--org-id"), QStringLiteral("TENANT"), &out->orgId,
              QStringLiteral("Loki roots: the tenant sent as X-Scope-OrgID"));
}

QStringList applySourceOptions(const QStringList& roots, const SourceOptions& options) {
    QStringList out;
    for (const QString& root : roots) {
        LokiTarget target;
        if (!LokiTarget::parse(root, &target, nullptr)) {
            out << root;
            continue;
        }
        if (!options.selector.isEmpty()) target.selector = options.selector;
        if (!options.instanceLabel.isEmpty()) target.instanceLabel = options.instanceLabel;
        if (!options.orgId.isEmpty()) target.orgId = options.orgId;
        out << target.root();
    }
    return out;
}

} // namespace vigil
