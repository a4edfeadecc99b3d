<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ArchiveJobs</name>
    <message numerus="yes">
        <location filename="../app/console/actions/ArchiveJobs.cpp" line="+18"/>
        <source>Exported %n image(s) (%1) to %2</source>
        <translation>
            <numerusform>Exported %n image (%1) to %2</numerusform>
            <numerusform>Exported %n images (%1) to %2</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+1"/>
        <source>Import %1 into %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>Imported %n image(s) (%1): %2</source>
        <translation>
            <numerusform>Imported %n image (%1): %2</numerusform>
            <numerusform>Imported %n images (%1): %2</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+15"/>
        <source>Export %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ArchiveWriter</name>
    <message>
        <location filename="../core/archive/ArchiveWriter.cpp" line="+20"/>
        <source>unknown error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (%2). Check that the folder exists, that you may write there and that the disk has room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Could not start writing %1: out of memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not set up the archive %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+3"/>
        <source>Could not set up gzip compression for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Could not create %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+40"/>
        <location line="+18"/>
        <source>The archive is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-55"/>
        <source>The previous entry of %1 is %2 bytes short.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+31"/>
        <source>Could not write to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-4"/>
        <source>More bytes than announced for an entry of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The last entry of %1 is %2 bytes short.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not finish writing %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DialogPrompter</name>
    <message>
        <location filename="../app/console/dialogs/Prompter.cpp" line="+24"/>
        <source>Create compartment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+56"/>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-55"/>
        <source>letters, digits, - _ .</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Inside:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Rename compartment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Create repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>team/app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compartment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Use lowercase letters, digits and the separators . _ - and /, starting and ending with a letter or digit (for example team/app).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Import images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image archives and Helm charts (*.tar *.tar.gz *.tgz *.tar.zst *.tar.xz *.tar.bz2);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportPlanner</name>
    <message>
        <location filename="../core/archive/ExportPlanner.cpp" line="+37"/>
        <source>An image of %1 to export has neither a tag nor a digest. Choose a tag or a digest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Could not export %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The manifest %1 of %2 stored in the registry cannot be read: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The index %1 in %2 nests other indexes more than %3 deep; it cannot be exported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The index %1 in %2 gives %3 bytes for %4, but the registry holds %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The entry of %1 for %2 is not an image. Export it as an OCI archive instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is a Helm chart, not a container image, so it cannot go into a Docker archive. Export it as an OCI archive instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is an artifact of type %2, not a container image, so it cannot go into a Docker archive. Export it as an OCI archive instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+57"/>
        <source>%1 is a multi-platform index that names no platforms, so there is no image for %2 to put into a Docker archive. Export it as an OCI archive instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 has no image for %2. It has: %3. Choose one of those platforms, or export an OCI archive, which keeps them all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The index of %1 gives %2 bytes for its %3 image, but the registry holds %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 needs the blob %2, which the registry does not hold in %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The manifest of %1 gives %2 bytes for the blob %3, but the registry holds %4.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportPlatform</name>
    <message>
        <location filename="../core/archive/ExportPlatform.cpp" line="+15"/>
        <source>&quot;%1&quot; is not a platform. Write it as os/architecture, for example linux/amd64 or linux/arm64/v8.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportWriter</name>
    <message>
        <location filename="../core/archive/ExportWriter.cpp" line="+18"/>
        <source>The export was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Writing blob %1 of %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Finishing the archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The blob %1 in the registry ended after %2 of its %3 bytes: it is damaged. Run a scrub to find damaged blobs, then push the image again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The blob %1 in the registry no longer matches its digest: it is damaged. Run a scrub to find damaged blobs, then push the image again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GarbageCollector</name>
    <message>
        <location filename="../core/gc/GarbageCollector.cpp" line="+106"/>
        <source>Finding what nothing references</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Deleting untagged manifests</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+49"/>
        <source>Removing %n unreferenced blob(s)</source>
        <translation>
            <numerusform>Removing %n unreferenced blob</numerusform>
            <numerusform>Removing %n unreferenced blobs</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../core/gc/GcJob.cpp" line="+43"/>
        <source>Garbage collection (dry run)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scheduled garbage collection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Garbage collection</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../core/gc/GcRunSummary.cpp" line="+55"/>
        <source>%n blob(s)</source>
        <translation>
            <numerusform>%n blob</numerusform>
            <numerusform>%n blobs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n manifest(s)</source>
        <translation>
            <numerusform>%n manifest</numerusform>
            <numerusform>%n manifests</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A run would remove %1 and %2, freeing %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancelled after removing %1 and %2, freeing %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Removed %1 and %2, freeing %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageExporter</name>
    <message>
        <location filename="../core/archive/ImageExporter.cpp" line="+36"/>
        <source>The archive was written to %1 but could not be renamed to %2. Check that you may replace files in that folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>There is nothing to export: choose at least one image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose a file to export to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reading the images to export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The export was cancelled; nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The export was cancelled; %1 was not written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+30"/>
        <source>%1 has no tagged images to export. Tag an image first, or export it by digest.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageImporter</name>
    <message>
        <location filename="../core/archive/ArchiveReader.cpp" line="+26"/>
        <source>%1 is not an image archive: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is corrupt or truncated: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not start reading %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>it could not be opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1 is not an image archive: it holds no files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+59"/>
        <source>its contents could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-50"/>
        <source>%1 is refused: it holds the entry &quot;%2&quot;, which points outside the archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/archive/ArchiveScan.cpp" line="+17"/>
        <location filename="../core/archive/ImportSession.cpp" line="+37"/>
        <source>The import was cancelled; nothing was imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+45"/>
        <source>%1 is not an image archive: it holds more than %2 files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 is refused: its %2 is larger than 4 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 is refused: its Chart.yaml is larger than 1 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 is not an image archive: its OCI layout has no index.json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 is not an image archive: it has no manifest.json, index.json or Chart.yaml</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/archive/ImageImporter.cpp" line="+22"/>
        <source>%1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 cannot be read: check its permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 is not an image archive: the folder has no oci-layout file, so it is not an OCI image layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Docker archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OCI archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OCI layout folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Helm chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Reading the OCI layout %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reading the contents of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Importing %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>Imported %n image(s)</source>
        <translation>
            <numerusform>Imported %n image</numerusform>
            <numerusform>Imported %n images</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../core/archive/ImportDockerArchive.cpp" line="+38"/>
        <source>its manifest.json is not a JSON list (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>its manifest.json names &quot;%1&quot;, which the archive does not contain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+40"/>
        <source>its manifest.json lists no images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Writing file %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>its file &quot;%1&quot; could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/archive/ImportHelmChart.cpp" line="+21"/>
        <source>its Chart.yaml has no name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its Chart.yaml has no version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Writing chart %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/archive/ImportSession.cpp" line="+38"/>
        <source>Could not read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/archive/ImportManifestGraph.cpp" line="+50"/>
        <source>its manifests nest too deeply or refer to each other in a circle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>it names manifest %1, which the archive does not contain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>manifest %1 is corrupt: its bytes do not match its digest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>manifest %1 is %2 bytes, not %3 as its descriptor says</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>its manifests add up to more than 64 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>manifest %1 is not valid: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/archive/ImportOciLayout.cpp" line="+40"/>
        <source>%1 is larger than 4 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>its index.json is not a JSON object (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>its index.json has no &quot;manifests&quot; list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>its index.json lists an entry without a valid digest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>its index.json lists no images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Reading blob %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>manifest %1 is larger than 4 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>a manifest references blob %1, which the archive does not contain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>blob %1 is %2 bytes, not %3 as its manifest says</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+31"/>
        <source>the folder has no index.json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>a manifest references blob %1, which the folder does not contain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Writing blob %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/archive/ImportSession.cpp" line="-46"/>
        <source>%1 is not a valid image archive: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+66"/>
        <source>&quot;%1&quot; is not a valid repository name: use lowercase letters, digits and separators (., _, -, /)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>it does not name a repository; choose one to import into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it names the repository &quot;%1&quot;, which is not a valid repository name; choose a repository to import into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>it names the tag &quot;%1&quot;, which is not a valid tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>blob %1 is corrupt: its bytes do not match its digest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>blob %1 is corrupt: its bytes have digest %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Storing manifest %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Job</name>
    <message>
        <location filename="../core/jobs/Job.cpp" line="+11"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Garbage collection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scrub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Consistency check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+10"/>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LicenceScope</name>
    <message>
        <location filename="../core/licensing/Licence.cpp" line="+10"/>
        <source>repository %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LocalCertificateAuthority</name>
    <message>
        <location filename="../server/tls/LocalCertificateAuthority.cpp" line="+210"/>
        <location line="+8"/>
        <source>Cannot write %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Cannot create the folder %1 for the local CA.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The local CA in %1 cannot be used: ca.crt or ca.key is missing or damaged, or they do not belong together. Move ca.crt, ca.key, server.crt and server.key out of that folder; berthd then makes a new CA, which clients must be told to trust again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot make a key for the local CA: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Berth local CA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Berth local CA on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot make the local CA&apos;s certificate: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the local CA expires soon; a new one was made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a new local CA was made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>server.crt or server.key was damaged or they did not belong together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>there was no server certificate yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the server certificate was not signed by the local CA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the server certificate expires on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the server certificate does not name %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot make a key for the server certificate: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot make the server certificate: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>berthd made a local certificate authority (CA) for HTTPS; clients trust berthd once they trust it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  The CA certificate: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  docker:          mkdir -p /etc/docker/certs.d/%1 &amp;&amp; cp %2 /etc/docker/certs.d/%1/ca.crt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  podman, skopeo:  mkdir -p /etc/containers/certs.d/%1 &amp;&amp; cp %2 /etc/containers/certs.d/%1/ca.crt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>                   or per command: a folder holding ca.crt, given as podman --cert-dir DIR, skopeo --src-cert-dir DIR / --dest-cert-dir DIR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  system store:    cp %1 /usr/local/share/ca-certificates/berth-local-ca.crt &amp;&amp; update-ca-certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  curl:            curl --cacert %1 https://%2/v2/</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PullIntoEngineJob</name>
    <message>
        <location filename="../app/console/actions/PullIntoEngineJob.cpp" line="+43"/>
        <source>Pull %1 into Docker/Podman</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Neither podman nor docker was found on PATH (%1). Install one of them, or use Image &gt; Export… and load the archive yourself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not create a temporary directory in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exporting %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Loading into %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not run %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancelled while %1 was loading %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>it crashed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exit code %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 failed (%2), so %3 was not loaded. Its output: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loaded %1 (%2) into %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no output</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RetentionBrowser</name>
    <message>
        <location filename="../app/console/data/RetentionBrowser.cpp" line="+18"/>
        <source>repository %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RetentionJob</name>
    <message>
        <location filename="../core/retention/RetentionJob.cpp" line="+40"/>
        <source>Retention policy %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scheduled retention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retention</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RetentionPolicy</name>
    <message>
        <location filename="../core/retention/RetentionPolicy.cpp" line="+10"/>
        <source>repository %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RetentionSnapshot</name>
    <message>
        <location filename="../core/retention/RetentionSnapshot.cpp" line="+21"/>
        <source>There is no repository %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TlsCredentials</name>
    <message>
        <location filename="../server/tls/TlsCredentials.cpp" line="+27"/>
        <source>Cannot read the TLS %1 file %2: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The TLS %1 file %2 is larger than 1 MiB; it is not a PEM file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The TLS certificate file %1 is not a PEM certificate: it has no &quot;%2&quot; line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The TLS certificate file %1 has a damaged or cut-short certificate (number %2 in the file); export it again in PEM format.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The TLS key file %1 is protected by a passphrase; berthd needs it without one (openssl pkey -in %1 -out server-key.pem writes such a copy; keep it readable by berthd only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The TLS key file %1 is not a PEM private key: it has no &quot;-----BEGIN PRIVATE KEY-----&quot; line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The TLS key file %1 has a damaged or cut-short private key; export it again in PEM format.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The private key in %1 does not belong to the certificate in %2; give the key that was made together with that certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The TLS key in %1 is neither an RSA nor an EC key; berthd serves HTTPS with RSA or EC keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot use the TLS key in %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Qt&apos;s TLS backend cannot use the certificate in %1 or the key in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The TLS certificate in %1 expired on %2; clients will refuse it until you replace it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The TLS certificate in %1 is not valid before %2; clients will refuse it until then (is this machine&apos;s clock right?).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsageDashboard</name>
    <message>
        <location filename="../app/console/views/UsageDashboardCharts.cpp" line="+48"/>
        <source>GB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Storage over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Egress per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Largest repositories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repositories with the most egress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+9"/>
        <source>Stored GB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+30"/>
        <source>Egress GB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+39"/>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth</name>
    <message>
        <location filename="../core/registry/RegistryServiceRetention.cpp" line="+39"/>
        <source>It is no longer in the repository.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It was deleted and pushed again since the plan was made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>It was pushed again since the plan was made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Tag %1 was set on it since the plan was made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The index %1 lists it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Its subject %1 stays.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The referrer %1 stays (pushed since the plan was made).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/retention/RetentionPlanner.cpp" line="+18"/>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/retention/RetentionRules.cpp" line="+28"/>
        <source>&quot;%1&quot; must be a whole number, 0 or more (it is %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;%1&quot; must be 0 or more, not %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; must be at most 100000, not %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&quot;%1&quot; must be a list of regular expressions, e.g. [&quot;latest&quot;, &quot;v[0-9]+&quot;].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every entry of &quot;%1&quot; must be a non-empty text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&quot;%1&quot; in &quot;%2&quot; is not a valid regular expression: %3 (at character %4). Fix the pattern; it must match the whole tag.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::AdministratorPasswordDialog</name>
    <message>
        <location filename="../app/console/dialogs/AdministratorPasswordDialog.cpp" line="+20"/>
        <source>Administrator created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The registry was set up and its administrator created. Sign in with docker, podman, skopeo or helm as this user. The password is shown only now: copy it and keep it somewhere safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Copy password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::BreadcrumbBar</name>
    <message>
        <location filename="../app/console/views/BreadcrumbBar.cpp" line="+37"/>
        <source>Tenancy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::CompartmentCombo</name>
    <message>
        <location filename="../app/console/dialogs/CompartmentCombo.cpp" line="+10"/>
        <source>Tenancy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::CompartmentPage</name>
    <message>
        <location filename="../app/console/views/CompartmentPage.cpp" line="+20"/>
        <source>Filter repositories</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::ExportDialog</name>
    <message>
        <location filename="../app/console/dialogs/ExportDialog.cpp" line="+20"/>
        <location line="+16"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Docker archive (docker load, podman load)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OCI archive (skopeo and podman oci-archive:)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export %1 to an archive file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Export to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archives (*.tar *.tar.gz);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::GcActions</name>
    <message>
        <location filename="../app/console/actions/GcActions.cpp" line="+16"/>
        <source>Collect &amp;garbage…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Free the space of deleted images: see what would go, then run it as a job.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Garbage collection started; the jobs panel shows its progress.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::GcDialog</name>
    <message>
        <location filename="../app/console/dialogs/GcDialog.cpp" line="+25"/>
        <location line="+18"/>
        <source>Collect garbage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Garbage collection removes the blobs no image references any more, while the registry keeps serving. What was uploaded in the last hour stays (a push may be about to use it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Also delete &amp;untagged manifests (and the layers only they use)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>…and the &amp;referrers (signatures, SBOMs) of deleted manifests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Working out what a run would remove…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Manifest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Blob</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing to collect: every blob is in use or younger than an hour.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A run would remove %1 and %2, freeing %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n blob(s)</source>
        <translation>
            <numerusform>%n blob</numerusform>
            <numerusform>%n blobs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n untagged manifest(s)</source>
        <translation>
            <numerusform>%n untagged manifest</numerusform>
            <numerusform>%n untagged manifests</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot work out what a run would remove: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::ImagePage</name>
    <message>
        <location filename="../app/console/views/ImagePage.cpp" line="+37"/>
        <source>Multi-platform index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Artifact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+43"/>
        <source>Helm chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-39"/>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Platforms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Referrers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manifest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>App version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chart API version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Media type: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Artifact type: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size: %1 (manifest %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tags: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pushed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last pulled: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Never pulled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refers to: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entrypoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Working directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exposed ports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(no layer)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::ImageTableModel</name>
    <message>
        <location filename="../app/console/models/TagRowCells.cpp" line="+16"/>
        <source>(untagged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/console/models/ImageTableModel.cpp" line="+343"/>
        <source>Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Digest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Platforms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pushed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last pulled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::ImmutabilityDialog</name>
    <message>
        <location filename="../app/console/dialogs/ImmutabilityDialog.cpp" line="+28"/>
        <source>Repository %1 no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Tag immutability of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tags are immutable: they cannot be moved to another image or deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tags that stay mutable (regular expressions, one per line, matched against the whole tag, e.g. latest or dev-.*):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::JobsModel</name>
    <message>
        <location filename="../app/console/models/JobsModel.cpp" line="+163"/>
        <source>Cancelling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::JobsPanel</name>
    <message>
        <location filename="../app/console/views/JobsPanel.cpp" line="+15"/>
        <source>Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cancel job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear finished</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::LayerTableModel</name>
    <message>
        <location filename="../app/console/models/DetailModels.cpp" line="+115"/>
        <source>%1 (config)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Digest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Media type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::LicenceAcceptDialog</name>
    <message>
        <location filename="../app/console/dialogs/LicenceAcceptDialog.cpp" line="+15"/>
        <source>Licence of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Pulling from %1 needs the licence &quot;%2&quot; (version %3), set on %4. Read it, then choose Continue to accept it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::LicenceEditorDialog</name>
    <message>
        <location filename="../app/console/dialogs/LicenceEditorDialog.cpp" line="+28"/>
        <source>Licence of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>e.g. Example Software Licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. 1, 2.0 or 2026-11</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Plain text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Markdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The licence text people read and accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Published versions (select one to load it into the form):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Published by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Publish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remove licence…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not read the licence: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Pulls from %1 need the licence &quot;%2&quot;, version %3 (published by %4, %5). Publish a new version to have everybody accept it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 has no licence of its own. Pulls from it need the licence &quot;%2&quot; (version %3) set on %4. Publish one here to replace it for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 has no licence: whoever may pull from it pulls without accepting one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Publishing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not published: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Version %1 of &quot;%2&quot; is in force: pulls need it accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Remove licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the licence &quot;%1&quot; from %2 with all its versions and acceptances? Pulls from it are no longer gated by it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Not removed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The licence was removed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::LicenceQueries</name>
    <message>
        <location filename="../core/licensing/LicenceQueries.cpp" line="+67"/>
        <source>There is no repository %1; check the name (berthctl repos list shows them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>There is no %1; check the path (names from the tenancy down, joined by &apos;:&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::LicenceReportDialog</name>
    <message>
        <location filename="../app/console/dialogs/LicenceReportDialog.cpp" line="+43"/>
        <source>Licence acceptances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Licence:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All licences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>any user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Current versions only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Set on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Client address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Current version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export &amp;CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Could not read the licences: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not read the acceptances: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No, a newer version is in force</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n acceptance(s)</source>
        <translation>
            <numerusform>%n acceptance</numerusform>
            <numerusform>%n acceptances</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+20"/>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export licence acceptances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Wrote %n acceptance(s) to %1</source>
        <translation>
            <numerusform>Wrote %n acceptance to %1</numerusform>
            <numerusform>Wrote %n acceptances to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::LicenceStore</name>
    <message>
        <location filename="../core/licensing/LicenceStore.cpp" line="+74"/>
        <source>The version is empty: give the licence a version, such as 1 or 2026-11.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The version is longer than %1 characters: shorten it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The version &quot;%1&quot; may only use letters, digits, &apos;.&apos;, &apos;_&apos;, &apos;+&apos; and &apos;-&apos;: change it (for example 2 or 2026-11).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The title is empty: give the licence a title, such as &quot;Example Licence&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The title is %1 characters long: shorten it to at most %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The title must be one line: remove its line breaks and control characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The format must be text or markdown: choose one of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The licence text is empty: give the text people must accept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The licence text is %1 bytes long (UTF-8): at most %2 bytes (1 MiB) are accepted; shorten it or link to the full text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+56"/>
        <source>title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Version %1 of the licence on %2 was published with a different %3, and a published version never changes: publish the new text as a new version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source> and </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The licence was stored but could not be read back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 has no licence of its own: nothing to remove.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+40"/>
        <location filename="../core/licensing/LicenceStoreAcceptances.cpp" line="+111"/>
        <location line="+77"/>
        <source>There is no repository %1; check the name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+45"/>
        <location filename="../core/licensing/LicenceStoreAcceptances.cpp" line="-11"/>
        <source>There is no licence %1; list the licences to find its id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/licensing/LicenceStoreAcceptances.cpp" line="-82"/>
        <source>Only a signed-in user can accept a licence: sign in first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The version is empty: say which version of the licence you read and accept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The channel is longer than %1 characters: use portal, api, cli or console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Repository %1 needs no licence: there is nothing to accept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Version %1 of the licence &quot;%2&quot; is no longer in force for %3: version %4 is. Read version %4 and accept that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The acceptance was stored but could not be read back.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::LimitsDialog</name>
    <message>
        <location filename="../app/console/dialogs/LimitsDialog.cpp" line="+38"/>
        <source>Images of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repositories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Limits and requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Repositories in the registry:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images per repository (each platform of a multi-arch image counts):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Pending requests only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Asked by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A note for the requester (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+60"/>
        <source>The registry holds %1 of %2 repositories (%3%). Configured defaults: %4 repositories, %5 images per repository. Pushes warn from %6% of a limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+64"/>
        <source>The limits are changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Request %1 is approved: the limit is %2 now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Request %1 is declined.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::MainArea</name>
    <message>
        <location filename="../app/console/views/MainArea.cpp" line="+100"/>
        <source>Loading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Cannot show this manifest: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::MainWindow</name>
    <message>
        <location filename="../app/console/views/MainWindow.cpp" line="+39"/>
        <source>Berth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/console/views/MainMenus.cpp" line="+32"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Restart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status and &amp;maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Usage and cost…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Limits and requests…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Licence &amp;acceptances…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;Compartment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+3"/>
        <source>Retention &amp;policies…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Tag &amp;immutability…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+3"/>
        <source>&amp;Licence…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Berth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>About Berth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;p&gt;&lt;b&gt;Berth %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;A container registry you install like a desktop program.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/console/views/MainWindow.cpp" line="+158"/>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Stop the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n job(s) are still running. Stopping the server cancels them. Stop anyway?</source>
        <translation>
            <numerusform>%n job is still running. Stopping the server cancels it. Stop anyway?</numerusform>
            <numerusform>%n jobs are still running. Stopping the server cancels them. Stop anyway?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancelling jobs before the server stops…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The new language is used from the next start of Berth.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restart the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server uses the new settings after a restart. Restart it now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The registry is ready at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+44"/>
        <location line="+7"/>
        <source>Not serving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-5"/>
        <source>The registry could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::ModelSupport</name>
    <message>
        <location filename="../app/console/models/ModelSupport.cpp" line="+45"/>
        <location line="+8"/>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Multi-arch index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Helm chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Artifact</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::NameDialog</name>
    <message>
        <location filename="../app/console/dialogs/NameDialog.cpp" line="+29"/>
        <source>Description:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::NavigationModel</name>
    <message>
        <location filename="../app/console/models/NavigationModel.cpp" line="+85"/>
        <source>Tenancy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+138"/>
        <source>Repository %1 (public)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repository %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::Planning</name>
    <message>
        <location filename="../core/retention/RetentionPlanner.cpp" line="+129"/>
        <location line="+197"/>
        <source>Listed by the kept index %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-190"/>
        <location line="+196"/>
        <source>Refers to the kept image %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-185"/>
        <source>Tag %1 is immutable in this repository.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Tag %1 matches the keep pattern &quot;%2&quot; of policy %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Tag %1 was not set or moved for more than %2 days (last set %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not pulled or pushed for more than %1 days (last used %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No delete rule selects tag %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>One of the %1 most recently pushed tagged images (policy %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Only the tag goes: tag %1 keeps the image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Untagged and pushed more than %1 days ago (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Listed by the deleted index %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Refers to the deleted image %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No delete rule selects it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Has %1 referrers (signatures, SBOMs...) and policy %2 keeps images with referrers.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::PlatformTableModel</name>
    <message>
        <location filename="../app/console/models/DetailModels.cpp" line="-67"/>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Digest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Media type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::PriceSheetDialog</name>
    <message>
        <location filename="../app/console/dialogs/PriceSheetDialog.cpp" line="+29"/>
        <source>Price sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The ISO 4217 code: three capital letters such as USD, EUR or GBP.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Currency:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Storage, per GB-month:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Egress, per GB:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Free s&amp;torage each month (GB-months):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Free e&amp;gress each month (GB):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A GB is 10^9 bytes. The free allowances are for the whole registry and are shared out across compartments in proportion to their use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The currency must be an ISO 4217 code: three capital letters such as USD, EUR or GBP.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::ProgressDelegate</name>
    <message>
        <location filename="../app/console/views/ProgressDelegate.cpp" line="+24"/>
        <source>%1%</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::ReferrerTableModel</name>
    <message>
        <location filename="../app/console/models/DetailModels.cpp" line="+104"/>
        <source>Artifact type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Digest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Media type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::RegistryActions</name>
    <message>
        <location filename="../app/console/actions/RegistryActions.cpp" line="+24"/>
        <source>New compartment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename compartment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move compartment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+194"/>
        <source>Delete compartment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-193"/>
        <source>Create repository…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+220"/>
        <source>Delete repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-219"/>
        <source>Move repository…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+257"/>
        <source>Make public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-256"/>
        <source>Make private</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy pull command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+288"/>
        <source>Untag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-287"/>
        <location line="+301"/>
        <source>Delete image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-300"/>
        <source>Export image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export repository…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pull into Docker/Podman…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+91"/>
        <source>Done: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Failed: %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Create compartment %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Rename compartment %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+13"/>
        <location line="+5"/>
        <source>Move compartment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Move compartment %1 with everything in it into:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A compartment cannot move into itself or one of its children.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Move compartment %1 into %2? Policies attached above it may no longer apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Move compartment %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Delete compartment %1? Only an empty compartment can be deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete compartment %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Create repository %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Delete repository %1 with all its images and tags? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete repository %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+10"/>
        <source>Move repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Move repository %1 to the compartment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Move repository %1 to %2? Who may use it then follows that compartment&apos;s policies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Move repository %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Let anyone pull from %1 without signing in?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Make %1 public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Make %1 private</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Copied: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Remove the tag %1? The image stays, reachable by its digest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Untag %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Delete the image %1 from %2 with every tag that points at it? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Delete image %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+17"/>
        <source>Exporting %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-7"/>
        <source>every tagged image of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Pulling %1 into Docker/Podman</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+21"/>
        <source>Licence of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Could not check the licence of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Nothing done: the licence of %1 was not accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Your acceptance was not recorded, so nothing was done: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Accepted the licence &quot;%1&quot; (version %2) for %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+34"/>
        <source>Importing %n file(s)</source>
        <translation>
            <numerusform>Importing %n file</numerusform>
            <numerusform>Importing %n files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::RegistryBrowser</name>
    <message>
        <location filename="../app/console/data/RegistryBrowser.cpp" line="+254"/>
        <source>There is no repository %1 any more: it may have been deleted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::RegistryService</name>
    <message>
        <location filename="../core/registry/RegistryServiceRetention.cpp" line="+52"/>
        <source>tag %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+31"/>
        <source>The repository is gone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-20"/>
        <source>The tag is gone already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The tag is immutable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The tag was set again since the plan was made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Its tag %1 is immutable.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::RepositoryTableModel</name>
    <message>
        <location filename="../app/console/models/RepositoryTableModel.cpp" line="+191"/>
        <source>Pulls need the licence &quot;%1&quot; (version %2) accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1; it is set on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Private</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+6"/>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last push</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last pull</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::RetentionPoliciesDialog</name>
    <message>
        <location filename="../app/console/dialogs/RetentionPoliciesDialog.cpp" line="+23"/>
        <source>not pulled %1 d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not tagged %1 d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>untagged %1 d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>keep newest %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>keep %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>only %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Retention policies of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Policies here and on the compartments above apply. Keep rules of any of them win; deleted images&apos; space comes back at the next garbage collection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Applies to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Preview and apply…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+28"/>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No retention policy applies here yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Delete retention policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete retention policy %1? Images it would delete stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Retention policy %1 is running as job %2; the jobs panel shows its progress.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::RetentionPolicyDialog</name>
    <message>
        <location filename="../app/console/dialogs/RetentionPolicyDialog.cpp" line="+39"/>
        <source>Edit retention policy %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New retention policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. stale-builds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applies to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run it on the schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Delete images not pulled or pushed for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <location line="+2"/>
        <source>days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Remove tags not set or moved for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete untagged manifests older than</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Always keep the newest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tagged images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>One regular expression per line, matching the whole tag, e.g. latest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Always keep tags matching:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Empty: every tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only consider tags matching (not pulled, not tagged):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete signatures and other referrers with their image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Give the policy a name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::RetentionPolicyStore</name>
    <message>
        <location filename="../core/retention/RetentionPolicyStore.cpp" line="+49"/>
        <source>&quot;%1&quot; is not a valid policy name: use 1-100 letters, digits, &apos;-&apos;, &apos;_&apos; and &apos;.&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The stored rules of retention policy %1 are not valid (%2); update the policy with valid rules.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+31"/>
        <source>There is no retention policy named &quot;%1&quot;; see the list of policies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>There is no repository %1; a policy can only apply to an existing repository (or to a compartment).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>There is no %1; create it first or choose another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The description is too long: at most 400 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A retention policy needs at least one delete rule: %1, %2 or %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A retention policy named &quot;%1&quot; exists already; choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+77"/>
        <source>There is no repository %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::RetentionPreviewDialog</name>
    <message>
        <location filename="../app/console/dialogs/RetentionPreviewDialog.cpp" line="+39"/>
        <source>Retention policy %1: preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Working out what the policy would delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Digest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Apply now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete what is listed, as a job. The space comes back at the next garbage collection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Deleted (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags removed, image kept (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kept (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>%n image(s) would be deleted</source>
        <translation>
            <numerusform>%n image would be deleted</numerusform>
            <numerusform>%n images would be deleted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n tag(s) removed alone</source>
        <translation>
            <numerusform>%n tag removed alone</numerusform>
            <numerusform>%n tags removed alone</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n image(s) kept.</source>
        <translation>
            <numerusform>%n image kept.</numerusform>
            <numerusform>%n images kept.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 would come back at the next garbage collection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Each list shows its first %1 entries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The preview failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::RetentionRules</name>
    <message>
        <location filename="../core/retention/RetentionRules.cpp" line="+18"/>
        <source>&quot;%1&quot; is not a retention rule. Known rules: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>&quot;%1&quot; must be true or false.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A retention policy needs at least one delete rule: %1, %2 or %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::RetentionRunResult</name>
    <message numerus="yes">
        <location filename="../core/retention/RetentionRunner.cpp" line="+42"/>
        <source>Retention deleted %n image(s)</source>
        <translation>
            <numerusform>Retention deleted %n image</numerusform>
            <numerusform>Retention deleted %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>removed %n tag(s)</source>
        <translation>
            <numerusform>removed %n tag</numerusform>
            <numerusform>removed %n tags</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>kept %n image(s)</source>
        <translation>
            <numerusform>kept %n image</numerusform>
            <numerusform>kept %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>skipped %n step(s) that changed since planning</source>
        <translation>
            <numerusform>skipped %n step that changed since planning</numerusform>
            <numerusform>skipped %n steps that changed since planning</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About %1 come back at the next garbage collection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancelled before the end.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::RetentionRunner</name>
    <message>
        <location line="+43"/>
        <location line="+50"/>
        <source>Planning was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-48"/>
        <location line="+50"/>
        <source>Planning %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Applying retention to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::SearchBox</name>
    <message>
        <location filename="../app/console/views/SearchBox.cpp" line="+17"/>
        <source>Search repositories and tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Repository in %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::ServerStatusPage</name>
    <message>
        <location filename="../app/console/views/ServerStatusPage.cpp" line="+27"/>
        <source>Start server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Garbage collection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Collect garbage…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reclaimable now:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last run:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next run:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Starting the registry…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opening the registry&apos;s data and listening for clients.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The registry is not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start the server to browse and manage the registry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The registry could not start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The registry is running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clients reach it at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <location line="+12"/>
        <source>%n blob(s)</source>
        <translation>
            <numerusform>%n blob</numerusform>
            <numerusform>%n blobs</numerusform>
        </translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>started by a person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>removed %1, freed %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cancelled after it %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, %2; %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Running now (see the jobs panel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not scheduled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::ServerWorker</name>
    <message>
        <location filename="../app/console/server/ServerWorker.cpp" line="+45"/>
        <source>&quot;%1&quot; is not an IP address to listen on. Enter one such as 127.0.0.1 in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Plain HTTP is only served on loopback addresses such as 127.0.0.1. Turn on HTTPS in Settings to listen on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot create the data folder %1. Choose another one in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot open the registry data in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cannot listen on %1:%2: %3. Another program may be using the port; choose another one in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Cannot serve HTTPS: Qt&apos;s TLS backend is not available (is OpenSSL 3 installed?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot set up HTTPS with a local CA: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>HTTPS with your own certificate needs a certificate file and a key file. Choose both in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot serve HTTPS: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::SettingsDialog</name>
    <message>
        <location filename="../app/console/dialogs/SettingsDialog.cpp" line="+22"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Registry server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>127.0.0.1 serves this computer only; 0.0.0.0 serves the network (needs HTTPS).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Listen address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>any free port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Off (plain HTTP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Automatic (a local certificate authority)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My certificate and key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HTTPS:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificate (PEM):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Private key (PEM):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start the server when Berth starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Language (after a restart):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a PEM file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::StatusIndicators</name>
    <message>
        <location filename="../app/console/views/StatusIndicators.cpp" line="+19"/>
        <source>Not serving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Serving on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TLS on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>TLS off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clients must trust the local CA %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%n client(s) connected</source>
        <translation>
            <numerusform>%n client connected</numerusform>
            <numerusform>%n clients connected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n job(s) running</source>
        <translation>
            <numerusform>%n job running</numerusform>
            <numerusform>%n jobs running</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::UsageDashboard</name>
    <message>
        <location filename="../app/console/views/UsageDashboard.cpp" line="+43"/>
        <source>Usage and cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 12 months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+124"/>
        <source>Whole registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-123"/>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Charts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&amp;Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Price sheet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cost report for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Compartment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Storage (GB-months)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Free storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Storage cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Egress (GB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Free egress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Egress cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Reading the usage figures…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Figures from %1 to %2 (UTC days). A GB is 10^9 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>(so far, through %1; amounts in %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(amounts in %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(deleted compartment %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(tenancy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Could not read the usage figures: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>There is no cost report to export yet; wait until it is shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not write %1: %2. Choose a folder you may write to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved the cost report for %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export cost report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/console/main.cpp" line="+46"/>
        <source>berth is the desktop console and needs a display (X11 or Wayland). On a machine without one, run the same registry headless with berthd.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Berth: a container registry you install like a desktop program. The console hosts the registry and lets you browse and manage it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Keep the registry&apos;s data in &lt;folder&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Listen on &lt;address&gt; (for example 127.0.0.1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Listen on &lt;port&gt; (0 picks a free one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Do not start the registry server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>--port needs a number from 0 to 65535.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
