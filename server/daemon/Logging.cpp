#include "daemon/Logging.h"

#include <QDateTime>
#include <atomic>
#include <cstdio>

namespace berth {

namespace {

std::atomic<int> g_minimum{1};

int rank(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return 0;
    case QtInfoMsg:
        return 1;
    case QtWarningMsg:
        return 2;
    case QtCriticalMsg:
    case QtFatalMsg:
        return 3;
    }
    return 3;
}

const char* label(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info ";
    case QtWarningMsg:
        return "warn ";
    case QtCriticalMsg:
        return "error";
    case QtFatalMsg:
        return "fatal";
    }
    return "?";
}

void handler(QtMsgType type, const QMessageLogContext&, const QString& message)
{
    if (rank(type) < g_minimum.load(std::memory_order_relaxed))
        return;
    const QByteArray line = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8() + ' ' +
                            label(type) + ' ' + message.toUtf8() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

} // namespace

void Logging::install(const QString& level)
{
    if (level == QLatin1String("debug"))
        g_minimum = 0;
    else if (level == QLatin1String("warning"))
        g_minimum = 2;
    else if (level == QLatin1String("error"))
        g_minimum = 3;
    else
        g_minimum = 1;
    qInstallMessageHandler(handler);
}

} // namespace berth
