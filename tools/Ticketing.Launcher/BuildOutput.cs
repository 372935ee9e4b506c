namespace Ticketing.Launcher;

/// <summary>Where the repository and the apps' build output are: artifacts/bin/{assembly}/{configuration} beside Ticketing.sln.</summary>
public static class BuildOutput
{
#if DEBUG
    private const string Configuration = "debug";
#else
    private const string Configuration = "release";
#endif

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ticketing.sln"))) return dir.FullName;
        throw new InvalidOperationException("Ticketing.sln was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The built assembly of an app or tool, e.g. Ticketing.Intake → …/artifacts/bin/Ticketing.Intake/debug/Ticketing.Intake.dll.</summary>
    public static string AssemblyPath(string assemblyName) =>
        Path.Combine(RepositoryRoot(), "artifacts", "bin", assemblyName, Configuration, assemblyName + ".dll");
}
