using Microsoft.Extensions.Options;
using Ticketing.Workflow.Lifecycle;

namespace Ticketing.UnitTests.Workflow;

/// <summary>
/// The README's pictures of the lifecycle are the engine's own drawings of the shipped definitions, kept
/// between <c>&lt;!-- lifecycle:NAME:begin --&gt;</c> and <c>&lt;!-- lifecycle:NAME:end --&gt;</c>. With
/// TICKETING_UPDATE_README=1 the test writes them instead of comparing.
/// </summary>
public sealed class ReadmePictureTests
{
    private const string UpdateVariable = "TICKETING_UPDATE_README";
    private static readonly StatelessLifecycleEngine Engine = new();
    private static readonly DefinitionCatalogue Shipped = DefinitionCatalogue.Load(Options.Create(new WorkflowOptions()), Engine);

    public static TheoryData<string> DefinitionNames => new(Shipped.Newest.Select(d => d.Name));

    [Theory]
    [MemberData(nameof(DefinitionNames))]
    public void The_readme_draws_each_definition_as_the_engine_does(string name)
    {
        var definition = Shipped.Newest.Single(d => d.Name == name);
        var drawing = Normalise(Engine.Draw(definition, LifecycleDrawing.Mermaid)).Trim('\n');
        var block = $"\n```mermaid\n{drawing}\n```\n";

        var path = Path.Combine(RepositoryRoot(), "README.md");
        var readme = Normalise(File.ReadAllText(path));
        var begin = $"<!-- lifecycle:{name}:begin -->";
        var end = $"<!-- lifecycle:{name}:end -->";
        var from = readme.IndexOf(begin, StringComparison.Ordinal);
        var to = from < 0 ? -1 : readme.IndexOf(end, from, StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, $"README.md has no lines {begin} … {end} for the picture of {name}.");

        var start = from + begin.Length;
        if (readme[start..to] == block) return;
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, readme[..start] + block + readme[to..]);
            return;
        }
        Assert.Fail($"The README's lifecycle picture of {name} is not the engine's drawing; " +
                    $"run {UpdateVariable}=1 dotnet test tests/Ticketing.UnitTests --filter ReadmePictureTests");
    }

    private static string Normalise(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n');

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Ticketing.sln"))) return directory.FullName;
        throw new InvalidOperationException($"No directory above {AppContext.BaseDirectory} holds Ticketing.sln.");
    }
}
