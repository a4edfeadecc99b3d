#pragma once

#include "archive/ImportSession.h"

namespace berth {

struct ArchiveScan;

/// Imports a packaged Helm chart as the OCI artifact `helm push` makes: a config blob
/// (application/vnd.cncf.helm.config.v1+json) holding Chart.yaml's fields as JSON, one layer
/// (application/vnd.cncf.helm.chart.content.v1.tar+gzip) that is the .tgz byte for byte, and an
/// OCI image manifest without artifactType or mediaType field, annotated as helm does. The tag is
/// the chart's version with '+' written '_'; the repository is the target's or the chart's name.
/// The manifest's creation time is the file's modification time, so importing the same file twice
/// gives the same digest.
class ImportHelmChart
{
public:
    static Result<void> importArchive(ImportSession& session, const ArchiveScan& scan);
};

} // namespace berth
