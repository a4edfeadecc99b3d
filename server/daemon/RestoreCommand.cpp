#include "daemon/RestoreCommand.h"

#include "backup/BackupRestorer.h"
#include "daemon/DaemonOptions.h"
#include "jobs/JobContext.h"

#include <QCommandLineParser>
#include <QDir>
#include <QLocale>
#include <QTextStream>
#include <cstdio>

namespace berth {

namespace {

/// Prints progress every tenth of the bytes.
class ConsoleProgress : public JobContext
{
public:
    bool isCancelled() const override { return false; }
    void setProgress(qint64 done, qint64 total) override
    {
        if (total <= 0)
            return;
        const int tenth = int(done * 10 / total);
        if (tenth > m_lastTenth) {
            m_lastTenth = tenth;
            QTextStream(stdout) << RestoreCommand::tr("Blobs restored: %1%").arg(tenth * 10) << Qt::endl;
        }
    }
    void setStatus(const QString&) override {}

private:
    int m_lastTenth = 0;
};

} // namespace

bool RestoreCommand::isRequested(const QStringList& arguments)
{
    return arguments.size() > 1 && arguments.at(1) == QLatin1String("restore");
}

int RestoreCommand::run(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Restores a Berth backup into an empty data directory. Stop berthd first if it uses that "
           "directory; start it on the directory afterwards."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("restore"), tr("The command."));
    const QCommandLineOption from(QStringLiteral("from"), tr("The backup folder (it holds backup.json)."),
                                  QStringLiteral("BACKUP"));
    const QCommandLineOption data(QStringLiteral("data"), tr("The data directory to restore into."),
                                  QStringLiteral("DIR"));
    const QCommandLineOption overwrite(QStringLiteral("overwrite"),
                                       tr("Replace what DIR holds (it is deleted first)."));
    const QCommandLineOption config(
        QStringLiteral("config"),
        tr("berthd's config file: its \"storage\" fault domains receive the blobs, and "
           "its \"data\" is the default for --data."),
        QStringLiteral("FILE"));
    parser.addOptions({from, data, overwrite, config});
    QTextStream err(stderr);
    if (!parser.parse(arguments)) {
        err << parser.errorText() << Qt::endl;
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    if (parser.positionalArguments().size() != 1) {
        err << tr("Unexpected arguments: %1").arg(parser.positionalArguments().mid(1).join(u' ')) << Qt::endl;
        return 2;
    }
    DaemonOptions daemonOptions;
    if (parser.isSet(config)) {
        QString error;
        if (!DaemonOptions::readConfigFile(parser.value(config), &daemonOptions, &error)) {
            err << error << Qt::endl;
            return 2;
        }
    }
    const QString dataDirectory = parser.isSet(data) ? parser.value(data) : daemonOptions.dataDirectory;
    if (!parser.isSet(from) || dataDirectory.isEmpty()) {
        err << tr("Say which backup and where: berthd restore --from BACKUP --data DIR [--config FILE]")
            << Qt::endl;
        return 2;
    }
    BackupRestorer::Options options;
    options.backupDirectory = QDir(parser.value(from)).absolutePath();
    options.dataDirectory = QDir(dataDirectory).absolutePath();
    options.storage = daemonOptions.storage;
    options.overwrite = parser.isSet(overwrite);
    ConsoleProgress progress;
    auto restored = BackupRestorer(options).restore(progress);
    if (!restored) {
        err << tr("Restore failed: %1").arg(restored.error().message) << Qt::endl;
        return 1;
    }
    const BackupManifest& m = restored->manifest;
    QTextStream(stdout) << tr("Restored the backup of %1 (%2 repositories, %3 manifests, %4 tags, %5 blobs, "
                              "%6) into %7. Start berthd with --data %7.")
                               .arg(QLocale().toString(m.createdAt.toLocalTime(), QLocale::ShortFormat))
                               .arg(m.repositories)
                               .arg(m.manifests)
                               .arg(m.tags)
                               .arg(restored->blobsRestored)
                               .arg(QLocale().formattedDataSize(restored->bytesRestored))
                               .arg(options.dataDirectory)
                        << Qt::endl;
    return 0;
}

} // namespace berth
