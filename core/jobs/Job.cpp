#include "jobs/Job.h"

#include <QCoreApplication>

namespace berth {

QString JobSnapshot::kindName(JobKind kind)
{
    switch (kind) {
    case JobKind::Import:
        return QCoreApplication::translate("Job", "Import");
    case JobKind::Export:
        return QCoreApplication::translate("Job", "Export");
    case JobKind::Retention:
        return QCoreApplication::translate("Job", "Retention");
    case JobKind::GarbageCollection:
        return QCoreApplication::translate("Job", "Garbage collection");
    case JobKind::Scrub:
        return QCoreApplication::translate("Job", "Scrub");
    case JobKind::Check:
        return QCoreApplication::translate("Job", "Consistency check");
    case JobKind::Backup:
        return QCoreApplication::translate("Job", "Backup");
    case JobKind::Scan:
        return QCoreApplication::translate("Job", "Scan");
    case JobKind::Other:
        break;
    }
    return QCoreApplication::translate("Job", "Other");
}

QString JobSnapshot::stateName(JobState state)
{
    switch (state) {
    case JobState::Queued:
        return QCoreApplication::translate("Job", "Queued");
    case JobState::Running:
        return QCoreApplication::translate("Job", "Running");
    case JobState::Succeeded:
        return QCoreApplication::translate("Job", "Succeeded");
    case JobState::Failed:
        return QCoreApplication::translate("Job", "Failed");
    case JobState::Cancelled:
        return QCoreApplication::translate("Job", "Cancelled");
    }
    return QCoreApplication::translate("Job", "Queued");
}

} // namespace berth
