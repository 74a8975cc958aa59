using Goodhart.Evals.Harness;
using Microsoft.Extensions.AI;

namespace Goodhart.Evals.Tests.Harness;

public sealed class DatasetLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string Write(string name, string text)
    {
        var path = _dir.Combine(name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Jsonl_reads_text_and_message_inputs_targets_ids_and_metadata()
    {
        var path = Write("d.jsonl", """
            {"id": "a", "input": "2+2?", "target": 4, "metadata": {"kind": "sum", "hard": false}}

            {"messages": [{"role": "system", "content": "Be terse."}, {"role": "user", "content": "Capital of France?"}], "target": ["Paris", "paris"], "topic": "geo"}
            """);
        var samples = DatasetLoader.Load(path);
        Assert.Equal(["a", "2"], samples.Select(s => s.Id));
        Assert.Equal(["4"], samples[0].Target);
        Assert.Equal("sum", samples[0].Metadata["kind"]);
        Assert.Equal("false", samples[0].Metadata["hard"]);
        Assert.Equal([ChatRole.System, ChatRole.User], samples[1].Input.Select(m => m.Role));
        Assert.Equal(["Paris", "paris"], samples[1].Target);
        Assert.Equal("geo", samples[1].Metadata["topic"]);
    }

    [Theory]
    [InlineData("{\"input\": \"ok\"}\n{\"target\": \"x\"}", 2, "field 'input': missing")]
    [InlineData("{\"input\": \"ok\"}\n{\"input\": \"a\",\n", 2, "not valid JSON")]
    [InlineData("{\"input\": 5}", 1, "field 'input': expected a string or a list of messages")]
    [InlineData("{\"messages\": [{\"role\": \"robot\", \"content\": \"hi\"}]}", 1, "field 'messages[0].role': unknown role 'robot'")]
    [InlineData("{\"messages\": [{\"role\": \"user\"}]}", 1, "field 'messages[0].content': missing")]
    [InlineData("{\"input\": \"a\", \"metadata\": {\"x\": [1]}}", 1, "field 'metadata.x': expected a string, number or boolean")]
    [InlineData("{\"id\": \"s\", \"input\": \"a\"}\n{\"id\": \"s\", \"input\": \"b\"}", 2, "field 'id': duplicate id 's' (first on line 1)")]
    [InlineData("[1, 2]", 1, "expected a JSON object")]
    public void Jsonl_errors_name_file_line_and_field(string text, int line, string message)
    {
        var path = Write("bad.jsonl", text);
        var e = Assert.Throws<DatasetFormatException>(() => DatasetLoader.Load(path));
        Assert.Equal(line, e.Line);
        Assert.StartsWith($"{path}:{line}: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_reads_quoted_fields_with_commas_quotes_and_line_breaks()
    {
        var path = Write("d.csv", "id,input,target,kind\r\nq1,\"Say \"\"hi\"\", then stop\",hi,greeting\nq2,\"two\nlines\",,other\n");
        var samples = DatasetLoader.Load(path);
        Assert.Equal(2, samples.Count);
        Assert.Equal("Say \"hi\", then stop", samples[0].Input[0].Text);
        Assert.Equal(["hi"], samples[0].Target);
        Assert.Equal("greeting", samples[0].Metadata["kind"]);
        Assert.Equal("two\nlines", samples[1].Input[0].Text);
        Assert.Empty(samples[1].Target);
    }

    [Theory]
    [InlineData("question,target\nq,a\n", 1, "field 'input': missing column")]
    [InlineData("input,target\n\"a\nb\",x\nc,d,e\n", 4, "3 fields, but the header has 2")]
    [InlineData("input,target\na,x\n,y\n", 3, "field 'input': empty")]
    [InlineData("input,target\na,\"x\n", 2, "a quoted field is never closed")]
    [InlineData("input,input\na,b\n", 1, "field 'input': column named twice")]
    public void Csv_errors_name_file_line_and_field(string text, int line, string message)
    {
        var path = Write("bad.csv", text);
        var e = Assert.Throws<DatasetFormatException>(() => DatasetLoader.Load(path));
        Assert.Equal(line, e.Line);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_extension_and_missing_file_are_errors()
    {
        Assert.Throws<FormatException>(() => DatasetLoader.Load(Write("d.txt", "x")));
        Assert.Throws<FileNotFoundException>(() => DatasetLoader.Load(_dir.Combine("none.jsonl")));
    }

    public void Dispose() => _dir.Dispose();
}
