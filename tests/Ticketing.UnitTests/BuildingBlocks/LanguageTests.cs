using System.Collections;
using System.Globalization;
using System.Net;
using System.Resources;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Localization;
using Ticketing.BuildingBlocks.Validation;

namespace Ticketing.UnitTests.BuildingBlocks;

/// <summary>
/// Refusals in the request's language: Accept-Language picks zh-CN (the default) or en; every English text has its
/// Chinese; titles, validation messages and the errors of reading JSON all name the field as the client spells it.
/// </summary>
public sealed partial class LanguageTests : IAsyncLifetime
{
    private static readonly ResourceManager Resources = new(typeof(Messages));

    /// <summary>The web console's own texts (its pages and its wording of refusals), beside the services' messages.</summary>
    private static readonly ResourceManager ConsoleResources = new(typeof(Ticketing.Web.Languages.Text));

    private static readonly string ConsoleFolder = Path.Combine("services", "Web") + Path.DirectorySeparatorChar;

    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public sealed record Thing(string Name, int Count, Guid? Owner = null);

    private sealed class ThingValidator : AbstractValidator<Thing>
    {
        public ThingValidator()
        {
            RuleFor(t => t.Name).NotEmpty().SingleLine();
            RuleFor(t => t.Count).InclusiveBetween(1, 10);
        }
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.AddWebDefaults("language-test");
        builder.Services.AddScoped<IValidator<Thing>, ThingValidator>();
        _app = builder.Build();
        _app.UseRequestLanguages();
        _app.UseExceptionHandler();
        _app.UseStatusCodePages();
        _app.MapGet("/language", () => $"{CultureInfo.CurrentUICulture.Name}|{CultureInfo.CurrentCulture.Name}");
        _app.MapPost("/things", (Thing thing) => thing).Validate<Thing>();
        _app.MapGet("/things", (int? page) => PageRequest.From(page, null));
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.Single() + "/") };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData(null, "zh-CN")]
    [InlineData("zh-CN", "zh-CN")]
    [InlineData("zh", "zh-CN")]
    [InlineData("zh-Hans", "zh-CN")]
    [InlineData("zh-Hans-CN", "zh-CN")]
    [InlineData("zh-TW", "zh-CN")]
    [InlineData("en", "en")]
    [InlineData("en-US", "en")]
    [InlineData("en-GB,en;q=0.9", "en")]
    [InlineData("fr", "zh-CN")]
    [InlineData("fr, en;q=0.5", "en")]
    [InlineData("zh;q=0.9, en;q=0.5", "zh-CN")]
    [InlineData("en;q=0.4, zh-Hans;q=0.8", "zh-CN")]
    public async Task Accept_language_picks_chinese_or_english_and_leaves_formatting_alone(string? acceptLanguage, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "language");
        if (acceptLanguage is not null) request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        var answer = await (await _client.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Equal($"{language}|{CultureInfo.CurrentCulture.Name}", answer);
    }

    [Fact]
    public async Task Validation_errors_are_keyed_by_the_json_name_and_said_in_the_requests_language()
    {
        var chinese = await ProblemAsync(HttpMethod.Post, "things", """{"name":"","count":99}""", null);
        Assert.Equal("请求无效", chinese.GetProperty("title").GetString());
        Assert.Equal(["count", "name"], Errors(chinese).Keys.Order());
        Assert.Contains("'name'", Errors(chinese)["name"]);
        Assert.Matches(Cjk(), Errors(chinese)["name"]);
        Assert.Contains("'count'", Errors(chinese)["count"]);

        var english = await ProblemAsync(HttpMethod.Post, "things", """{"name":"","count":99}""", "en-US");
        Assert.Equal("The request is not valid", english.GetProperty("title").GetString());
        Assert.Equal("'name' must not be empty.", Errors(english)["name"]);

        var ours = await ProblemAsync(HttpMethod.Post, "things", "{\"name\":\"a\\u0007b\",\"count\":1}", "zh-CN"); // TextRules' own message
        Assert.Equal("'name' 必须是单行文本，不能包含控制字符。", Errors(ours)["name"]);
    }

    [Theory]
    [InlineData("{not json", "body", "请求体不是有效的 JSON（第 1 行，第 2 个字节）。", "The body is not valid JSON (line 1, byte 2).")]
    [InlineData("""{"count":1}""", "name", "缺少必填字段 'name'。", "'name' is required.")]
    [InlineData("""{"name":null,"count":1}""", "name", "'name' 不能为 null。", "'name' must not be null.")]
    [InlineData("""{"name":"a","count":"1"}""", "count", "'count' 必须是取值范围内的整数。", "'count' must be a whole number within range.")]
    [InlineData("""{"name":5,"count":1}""", "name", "'name' 必须是文本。", "'name' must be text.")]
    [InlineData("""{"name":"a","count":1,"owner":"me"}""", "owner", "'owner' 必须是形如 3fa85f64-5717-4562-b3fc-2c963f66afa6 的 ID。",
        "'owner' must be an id such as 3fa85f64-5717-4562-b3fc-2c963f66afa6.")]
    public async Task Json_that_cannot_be_read_is_a_400_naming_the_field_in_either_language(string body, string field, string chinese, string english)
    {
        var inChinese = await ProblemAsync(HttpMethod.Post, "things", body, null);
        Assert.Equal(("请求无法读取", chinese), (inChinese.GetProperty("title").GetString(), Errors(inChinese)[field]));
        Assert.Contains(chinese, inChinese.GetProperty("detail").GetString());

        var inEnglish = await ProblemAsync(HttpMethod.Post, "things", body, "en");
        Assert.Equal(("Malformed request", english), (inEnglish.GetProperty("title").GetString(), Errors(inEnglish)[field]));
    }

    [Fact]
    public async Task Query_values_domain_refusals_and_status_pages_are_in_the_requests_language_too()
    {
        var unparsed = await ProblemAsync(HttpMethod.Get, "things?page=abc", null, null);
        Assert.Equal("'page' 必须是取值范围内的整数。", Errors(unparsed)["page"]);

        var paging = await ProblemAsync(HttpMethod.Get, "things?page=0", null, "zh-CN");
        Assert.Equal(("页码无效", "page 从 1 开始。"), (paging.GetProperty("title").GetString(), paging.GetProperty("detail").GetString()));
        Assert.Equal("page starts at 1.", (await ProblemAsync(HttpMethod.Get, "things?page=0", null, "en")).GetProperty("detail").GetString());

        Assert.Equal("未找到", (await ProblemAsync(HttpMethod.Get, "no-such-thing", null, null)).GetProperty("title").GetString());
        Assert.Equal("Not Found", (await ProblemAsync(HttpMethod.Get, "no-such-thing", null, "en")).GetProperty("title").GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_english_text_has_its_chinese_translation(bool console)
    {
        var resources = console ? ConsoleResources : Resources;
        var english = Texts(CultureInfo.InvariantCulture, resources);
        var chinese = Texts(RequestLanguages.Chinese, resources);
        Assert.NotEmpty(english);
        Assert.All(english, text => Assert.Equal(text.Key, text.Value)); // the key is the English text itself
        var untranslated = english.Keys.Where(key => !chinese.TryGetValue(key, out var translation) || !Cjk().IsMatch(translation)).ToList();
        Assert.True(untranslated.Count == 0, "No Chinese in Messages.zh-CN.resx for: " + string.Join(" | ", untranslated));
        Assert.Empty(chinese.Keys.Except(english.Keys)); // nothing Chinese-only either

        foreach (var (key, translation) in chinese)
        {
            // A translation may leave a value out, never bring one the English does not give.
            Assert.Subset(Placeholders(key), Placeholders(translation));
            var values = Enumerable.Range(0, 10).Select(i => (object)$"v{i}").ToArray();
            if (Placeholders(key).Any(p => char.IsDigit(p[1]))) string.Format(CultureInfo.InvariantCulture, translation, values);
        }
    }

    [Fact]
    public void Every_title_and_text_the_code_says_has_a_resource()
    {
        var english = Texts(CultureInfo.InvariantCulture, Resources);
        var console = Texts(CultureInfo.InvariantCulture, ConsoleResources);
        var said = SaidInCode().ToList();
        Assert.NotEmpty(said);
        var missing = said.Where(s => !(s.File.StartsWith(ConsoleFolder) ? console : english).ContainsKey(s.Text))
            .Select(s => $"{s.File}: \"{s.Text}\"").Distinct().ToList();
        Assert.True(missing.Count == 0, "Add these to Messages.resx and Messages.zh-CN.resx (the console's: Languages/Text.resx and Text.zh-CN.resx):\n" +
                                        string.Join("\n", missing));
    }

    /// <summary>Problem titles, fixed details and the formats of phrases and validation messages, as the code writes them.</summary>
    private static IEnumerable<(string File, string Text)> SaidInCode()
    {
        var root = RepositoryRoot();
        var sources = new[] { "services", "gateway" }.SelectMany(folder => new[] { "*.cs", "*.razor" }.SelectMany(pattern =>
                Directory.EnumerateFiles(Path.Combine(root, folder), pattern, SearchOption.AllDirectories)))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !path.Contains("Migrations"));
        foreach (var path in sources)
        {
            var code = File.ReadAllText(path);
            var file = Path.GetRelativePath(root, path);
            foreach (Match said in SaidText().Matches(code))
            {
                if (said.Groups["notFound"].Success) yield return (file, said.Groups["notFound"].Value + " not found");
                foreach (var group in new[] { "title", "detail", "format" })
                    if (said.Groups[group].Success) yield return (file, said.Groups[group].Value);
            }
        }
    }

    [GeneratedRegex("""
        DomainRuleException\(\s*"(?<title>[^"]+)"(?:,\s*"(?<detail>[^"]+)")?
        |NotFoundException\(\s*"(?<notFound>[^"]+)"
        |title:\s*"(?<title>[^"]+)"
        |EnsureOpen\("(?<title>[^"]+)"\)
        |(?:new\s+Phrase|WithLocalisedMessage|Refused\(\s*"[a-z]+",\s*new)\(\s*"(?<format>[^"]+)"
        |(?:[tT]ext|\)|@T)\[\s*"(?<format>[^"]+)"
        """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex SaidText();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();

    private static Dictionary<string, string> Texts(CultureInfo culture, ResourceManager resources)
    {
        var set = resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        Assert.NotNull(set); // the zh-CN satellite assembly is deployed beside the app
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    private static HashSet<string> Placeholders(string text) => [.. Regex.Matches(text, @"\{[A-Za-z0-9]+\}").Select(m => m.Value)];

    private async Task<JsonElement> ProblemAsync(HttpMethod method, string path, string? body, string? acceptLanguage)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        if (acceptLanguage is not null) request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        using var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static Dictionary<string, string> Errors(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().ToDictionary(e => e.Name, e => e.Value[0].GetString()!);

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Ticketing.sln"))) return directory.FullName;
        throw new InvalidOperationException($"No directory above {AppContext.BaseDirectory} holds Ticketing.sln.");
    }
}
