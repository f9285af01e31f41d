package dev.seqtrain.cli;

import dev.seqtrain.store.HadoopFiles;
import dev.seqtrain.store.ModelDirectory;
import dev.seqtrain.store.SigningKey;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code seqtrain manifest --dir DIR}: (re)writes manifest.json of a complete model directory the user trusts, e.g. one
 * of an older seqtrain, which loading refuses without it. model.zip is checked as on load first (allowed entries and
 * classes only), so a crafted one is not blessed; checkpoints under the directory get theirs too.
 */
@Command(name = "manifest", mixinStandardHelpOptions = true,
        description = "Re-create manifest.json (sha256 of every file, signed with --signing-key) of a complete model "
                + "directory you trust, e.g. one written by an older seqtrain. No Spark, no job spec.")
public final class ManifestCommand implements Callable<Integer> {
    @Option(names = "--dir", paramLabel = "DIR", required = true, description = "The model directory (any Hadoop path).")
    String dir;

    @Option(names = "--signing-key", paramLabel = "env:NAME|file:PATH",
            description = "Sign the manifest with this HMAC-SHA256 key, as output.signing_key does.")
    String signingKey;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec commandSpec;

    @Override
    public Integer call() {
        StatusLine status = new StatusLine("manifest");
        Main.CURRENT_STATUS.set(status);
        HadoopFiles files = new HadoopFiles(new Configuration());
        List<String> sealed = new ModelDirectory(files, SigningKey.resolve(signingKey, files)).reseal(dir);
        sealed.forEach(d -> commandSpec.commandLine().getErr().println("wrote " + d + "/" + ModelDirectory.MANIFEST));
        status.status("ok").output(dir);
        return 0;
    }
}
