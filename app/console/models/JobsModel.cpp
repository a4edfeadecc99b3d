#include "models/JobsModel.h"

#include "jobs/JobRunner.h"
#include "models/ModelSupport.h"

#include <algorithm>

namespace berth {

struct JobsModel::Private
{
    explicit Private(JobRunner& r) : runner(r) {}

    JobRunner& runner;
    QList<JobSnapshot> rows; ///< newest (highest id) first
    int active = 0;

    /// Where a job with this id is or would go.
    int positionOf(quint64 id) const
    {
        auto it = std::lower_bound(rows.cbegin(), rows.cend(), id,
                                   [](const JobSnapshot& job, quint64 value) { return job.id > value; });
        return int(it - rows.cbegin());
    }
};

JobsModel::JobsModel(JobRunner& runner, QObject* parent)
    : QAbstractTableModel(parent), d(std::make_unique<Private>(runner))
{
    qRegisterMetaType<berth::JobSnapshot>();
    // The runner signals from its worker threads: queued, the changes land in this thread in order.
    connect(&runner, &JobRunner::jobAdded, this, &JobsModel::onJob, Qt::QueuedConnection);
    connect(&runner, &JobRunner::jobChanged, this, &JobsModel::onJob, Qt::QueuedConnection);
    connect(
        &runner, &JobRunner::jobRemoved, this,
        [this](quint64 id) {
            const int row = rowOf(id);
            if (row < 0)
                return;
            beginRemoveRows(QModelIndex(), row, row);
            d->rows.removeAt(row);
            endRemoveRows();
            updateActive();
        },
        Qt::QueuedConnection);
    const QList<JobSnapshot> jobs = runner.jobs();
    for (auto it = jobs.crbegin(); it != jobs.crend(); ++it)
        d->rows.insert(d->positionOf(it->id), *it);
    updateActive();
}

JobsModel::~JobsModel() = default;

void JobsModel::onJob(const JobSnapshot& job)
{
    const int position = d->positionOf(job.id);
    if (position < d->rows.size() && d->rows[position].id == job.id) {
        // Signals from different threads may arrive late: never move a finished job back.
        if (d->rows[position].isFinished() && !job.isFinished())
            return;
        d->rows[position] = job;
        emit dataChanged(index(position, 0), index(position, ColumnCount - 1));
    } else {
        beginInsertRows(QModelIndex(), position, position);
        d->rows.insert(position, job);
        endInsertRows();
    }
    updateActive();
}

void JobsModel::updateActive()
{
    const int active = int(std::count_if(d->rows.cbegin(), d->rows.cend(),
                                         [](const JobSnapshot& job) { return !job.isFinished(); }));
    if (active != d->active) {
        d->active = active;
        emit activeCountChanged(active);
    }
}

JobSnapshot JobsModel::jobAt(int row) const
{
    return row >= 0 && row < d->rows.size() ? d->rows[row] : JobSnapshot();
}

int JobsModel::rowOf(quint64 id) const
{
    const int position = d->positionOf(id);
    return position < d->rows.size() && d->rows[position].id == id ? position : -1;
}

int JobsModel::activeCount() const
{
    return d->active;
}

int JobsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(d->rows.size());
}

int JobsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {

int percentOf(const JobSnapshot& job)
{
    if (job.state == JobState::Succeeded)
        return 100;
    const double fraction = job.fraction();
    return fraction < 0 ? -1 : qBound(0, int(fraction * 100.0), 100);
}

QString iconName(const JobSnapshot& job)
{
    switch (job.state) {
    case JobState::Failed:
        return QStringLiteral("dialog-error");
    case JobState::Cancelled:
        return QStringLiteral("process-stop");
    case JobState::Succeeded:
        return QStringLiteral("emblem-default");
    default:
        break;
    }
    switch (job.kind) {
    case JobKind::Import:
        return QStringLiteral("document-import");
    case JobKind::Export:
        return QStringLiteral("document-export");
    default:
        return QStringLiteral("system-run");
    }
}

} // namespace

QVariant JobsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= d->rows.size())
        return QVariant();
    const JobSnapshot& job = d->rows[index.row()];
    if (role == ConsoleRoles::JobIdRole)
        return job.id;
    if (role == ConsoleRoles::KindRole)
        return int(job.kind);
    const bool display = role == Qt::DisplayRole;
    const bool sort = role == ConsoleRoles::SortRole;
    switch (index.column()) {
    case TitleColumn:
        if (display || sort)
            return job.title;
        if (role == Qt::DecorationRole)
            return ModelSupport::themeIcon(iconName(job));
        if (role == Qt::ToolTipRole)
            return JobSnapshot::kindName(job.kind);
        break;
    case StateColumn:
        if (display)
            return job.cancelRequested && !job.isFinished() ? tr("Cancelling")
                                                            : JobSnapshot::stateName(job.state);
        if (sort)
            return int(job.state);
        break;
    case ProgressColumn:
        if (display || sort)
            return percentOf(job);
        if (role == Qt::ToolTipRole && job.total > 0)
            return tr("%1 of %2").arg(ModelSupport::size(job.done), ModelSupport::size(job.total));
        break;
    case MessageColumn:
        if (display || sort || role == Qt::ToolTipRole)
            return job.isFinished() ? job.result : job.status;
        break;
    case StartedColumn:
        if (display)
            return ModelSupport::time(job.startedAt);
        if (sort)
            return ModelSupport::sortTime(job.startedAt);
        break;
    case FinishedColumn:
        if (display)
            return ModelSupport::time(job.finishedAt);
        if (sort)
            return ModelSupport::sortTime(job.finishedAt);
        break;
    default:
        break;
    }
    return QVariant();
}

QVariant JobsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TitleColumn:
        return tr("Job");
    case StateColumn:
        return tr("State");
    case ProgressColumn:
        return tr("Progress");
    case MessageColumn:
        return tr("Status");
    case StartedColumn:
        return tr("Started");
    case FinishedColumn:
        return tr("Finished");
    default:
        return QVariant();
    }
}

} // namespace berth
