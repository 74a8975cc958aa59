using Goodhart.Learning.Text;

namespace Goodhart.Learning.Tests.Text;

public class CharTokenizerTests
{
    [Fact]
    public void Vocabulary_is_specials_newline_and_printable_ascii()
    {
        Assert.Equal(99, CharTokenizer.VocabSize);
        Assert.Equal(4, CharTokenizer.Encode(' '));
        Assert.Equal(4 + ('A' - ' '), CharTokenizer.Encode('A'));
        Assert.Equal(98, CharTokenizer.Encode('~'));
        Assert.Equal(CharTokenizer.Newline, CharTokenizer.Encode('\n'));
    }

    [Theory]
    [InlineData("What is 2+2?")]
    [InlineData("I think it's 72.\nAnswer: 8 * 9 = 72 ~ {ok}")]
    [InlineData("")]
    public void Encode_then_decode_gives_the_text_back(string text)
    {
        var ids = CharTokenizer.Encode(text);

        Assert.Equal(text.Length, ids.Length);
        Assert.All(ids, id => Assert.InRange(id, CharTokenizer.Newline, CharTokenizer.VocabSize - 1));
        Assert.Equal(text, CharTokenizer.Decode(ids));
    }

    [Fact]
    public void Decode_skips_pad_and_bos_and_stops_at_eos()
    {
        int[] ids = [CharTokenizer.Pad, CharTokenizer.Bos, .. CharTokenizer.Encode("42"), CharTokenizer.Eos, .. CharTokenizer.Encode("junk")];

        Assert.Equal("42", CharTokenizer.Decode(ids));
    }

    [Theory]
    [InlineData("café")]
    [InlineData("tab\there")]
    public void Characters_outside_the_vocabulary_are_refused(string text)
    {
        Assert.False(CharTokenizer.CanEncode(text));
        Assert.Throws<ArgumentException>(() => CharTokenizer.Encode(text));
    }

    [Fact]
    public void Special_ids_have_readable_names()
    {
        Assert.Equal("<pad>", CharTokenizer.Describe(CharTokenizer.Pad));
        Assert.Equal("<bos>", CharTokenizer.Describe(CharTokenizer.Bos));
        Assert.Equal("<eos>", CharTokenizer.Describe(CharTokenizer.Eos));
        Assert.Equal("7", CharTokenizer.Describe(CharTokenizer.Encode('7')));
    }
}
