#pragma once

#include <QString>
#include <QStringList>

class QCoreApplication;

namespace berth {

/// The console's language: installs the console's translation and Qt's own for a language, or for the
/// system's languages when none is chosen. When the console has no translation for them it speaks
/// English, through its English translation (which carries the plural forms: "1 job", "2 jobs").
class ConsoleLanguage
{
public:
    /// Installs the translators (owned by `app`) and returns the language code in use ("de", "en").
    static QString install(QCoreApplication& app, const QString& language);
    /// The language codes the console is translated into, from its resources.
    static QStringList available();
};

} // namespace berth
