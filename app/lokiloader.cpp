#include "lokiloader.h"

#include "helperfiles.h"
#include "lokimodule.h"

#include <QFile>
#include <QFileInfo>

#include <dlfcn.h>
#include <mutex>

namespace vigil {

namespace {

struct LoadedModule {
    ProducerFactory factory;
    QString error;
};

LoadedModule loadModule() {
    LoadedModule loaded;
    const QStringList candidates = helperFileCandidates(QStringLiteral(VIGIL_LOKI_MODULE_FILE));
    for (const QString& candidate : candidates) {
        if (!QFileInfo::exists(candidate)) continue;
        // Loaded for the rest of the process: producers made by it may outlive any caller.
        void* module = dlopen(QFile::encodeName(candidate).constData(), RTLD_NOW | RTLD_LOCAL);
        if (!module) {
            loaded.error =
                QStringLiteral("cannot load the Loki reader: %1").arg(QString::fromLocal8Bit(dlerror()));
            return loaded;
        }
        auto* entry = reinterpret_cast<LokiModuleEntry>(dlsym(module, kLokiModuleEntry));
        if (!entry) {
            loaded.error = QStringLiteral("%1 is not Vigil's Loki reader").arg(candidate);
            return loaded;
        }
        entry(&loaded.factory);
        return loaded;
    }
    loaded.error = QStringLiteral("the Loki reader %1 is missing (looked in %2)")
                       .arg(QStringLiteral(VIGIL_LOKI_MODULE_FILE), candidates.join(QStringLiteral(" and ")));
    return loaded;
}

} // namespace

ProducerFactory remoteSourceFactory() {
    return [](const QString& root, QString* error) -> std::unique_ptr<EntryProducer> {
        static std::once_flag once;
        static LoadedModule module;
        std::call_once(once, [] { module = loadModule(); });
        if (!module.factory) {
            if (error) *error = module.error;
            return nullptr;
        }
        return module.factory(root, error);
    };
}

} // namespace vigil
