namespace Ticketing.Launcher;

/// <summary>
/// What the launcher itself has to say (an app exited, was restarted, was given up on): on its console for
/// whoever watches it, and in <c>&lt;data&gt;/logs/launcher.log</c> for whoever wonders later what happened.
/// </summary>
internal sealed class LauncherLog(string file)
{
    private readonly Lock _gate = new();

    public string FilePath { get; } = file;

    public void Write(string message)
    {
        var line = $"{DateTimeOffset.Now:yyyy-MM-dd'T'HH:mm:ss.fffzzz} {message}";
        lock (_gate)
        {
            Console.WriteLine(line);
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            File.AppendAllLines(FilePath, [line]);
        }
    }
}
