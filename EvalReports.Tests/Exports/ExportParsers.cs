using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.VisualBasic.FileIO;

namespace EvalReports.Tests.Exports;

/// <summary>Each export read back by a real parser: Markdig, an XSD-validating XmlReader, a CSV field parser, System.Text.Json.</summary>
internal static class ExportParsers
{
    public static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public static MarkdownDocument Markdown(string text)
    {
        var document = Markdig.Markdown.Parse(text, Pipeline);
        // Untrusted text must never become HTML: not a block, not an inline tag, not an autolink to script.
        Assert.Empty(document.Descendants<HtmlBlock>());
        Assert.Empty(document.Descendants<HtmlInline>());
        Assert.DoesNotContain(document.Descendants<LinkInline>(), l => l.Url?.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase) == true);
        return document;
    }

    public static int Tables(MarkdownDocument document) => document.Descendants<Table>().Count();

    public static List<string[]> Csv(string text)
    {
        using var parser = new TextFieldParser(new StringReader(text))
        {
            TextFieldType = FieldType.Delimited,
            HasFieldsEnclosedInQuotes = true,
            TrimWhiteSpace = false,
        };
        parser.SetDelimiters(",");
        var rows = new List<string[]>();
        while (!parser.EndOfData)
        {
            rows.Add(parser.ReadFields()!);
        }

        return rows;
    }

    /// <summary>Validates against the JUnit schema in this project; any error fails.</summary>
    public static XDocument JUnit(string xml)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "Exports", "JUnit.xsd"));
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas, DtdProcessing = DtdProcessing.Prohibit };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity}: {e.Message} (line {e.Exception?.LineNumber})");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        var document = XDocument.Load(reader);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(10)));
        return document;
    }

    public static List<JsonElement> Jsonl(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
    }
}
