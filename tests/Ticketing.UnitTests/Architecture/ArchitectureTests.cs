using System.Xml.Linq;
using NetArchTest.Rules;
using Ticketing.BuildingBlocks.Data;
using Ticketing.Launcher;

namespace Ticketing.UnitTests.Architecture;

/// <summary>Services own their code and data; they share only the contracts and the building blocks.</summary>
public sealed class ArchitectureTests
{
    [Fact]
    public void No_service_depends_on_another_service()
    {
        foreach (var service in ServiceTopology.Services)
        {
            var others = ServiceTopology.Services.Where(a => a != service).Select(a => a.GetName().Name!).ToArray();
            var result = Types.InAssembly(service).ShouldNot().HaveDependencyOnAny(others).GetResult();
            Assert.True(result.IsSuccessful,
                $"{service.GetName().Name} uses {string.Join(", ", result.FailingTypeNames ?? [])} from another service");
            Assert.DoesNotContain(service.GetReferencedAssemblies(), r => others.Contains(r.Name));
        }
    }

    [Fact]
    public void Projects_reference_only_the_contracts_and_the_building_blocks()
    {
        var root = BuildOutput.RepositoryRoot();
        var allowed = new Dictionary<string, string[]>
        {
            ["Ticketing.Contracts"] = [],
            ["Ticketing.BuildingBlocks"] = ["Ticketing.Contracts"],
        };
        var projects = Directory.GetFiles(Path.Combine(root, "services"), "*.csproj", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(root, "gateway"), "*.csproj", SearchOption.AllDirectories));
        foreach (var project in projects)
        {
            var name = Path.GetFileNameWithoutExtension(project);
            var references = XDocument.Load(project).Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/'))).ToList();
            var permitted = allowed.GetValueOrDefault(name, ["Ticketing.BuildingBlocks", "Ticketing.Contracts"]);
            Assert.All(references, r => Assert.True(permitted.Contains(r), $"{name} references {r}"));
        }
    }

    [Fact]
    public void Each_service_has_one_DbContext_of_its_own()
    {
        foreach (var service in ServiceTopology.Services)
        {
            var contexts = service.GetTypes().Where(t => t.IsAbstract && t.IsSubclassOf(typeof(ServiceDbContext))).ToList();
            Assert.Single(contexts);
        }
    }
}
