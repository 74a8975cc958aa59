using System.Text.RegularExpressions;

namespace Goodhart.Evals.Guardrails;

/// <summary>
/// The content-borne heuristics of <see cref="PromptInjectionDetector"/>: instructions addressed to the model inside a
/// document, fake role markers (<c>[SYSTEM]</c>, <c>&lt;system&gt;</c>, <c>### System:</c>, "system override") and
/// instructions concealed in HTML/Markdown comments or CSS-hidden elements.
/// </summary>
public sealed partial class PromptInjectionDetector
{
    private static void DetectContent(string text, List<Detection> found, List<string> failures)
    {
        foreach (Match m in DetectorMatching.Matches(AddressedToModel(), text, failures, "addressed_to_model"))
            found.Add(new Detection("hidden_instruction", m.Index, m.Length, "instruction addressed to the model inside content"));
        foreach (Match m in DetectorMatching.Matches(FakeRoleMarker(), text, failures, "fake_role_marker"))
            found.Add(new Detection("role_switch", m.Index, m.Length, "fake system or role marker inside content"));
        foreach (Match m in DetectorMatching.Matches(Concealed(), text, failures, "concealed"))
        {
            var body = m.Groups["body"].Value;
            if (DetectorMatching.Matches(ConcealedDirective(), body, failures, "concealed_directive").Count > 0)
                found.Add(new Detection("concealed_instruction", m.Index, m.Length, "instruction to the model inside a comment or hidden element"));
        }
    }

    // Who is addressed: an AI model by name or role, or an assistant/model identified as the one reading the content.
    private const string Addressee =
        @"(?:(?:AI|A\.I\.|LLM|GPT|chatbot|language model)s?(?:\s+(?:assistant|model|agent|system|summari[sz]er|reader|tool)s?)?|(?:assistant|model|agent|summari[sz]er|bot)s?\s+(?:reading|processing|summari[sz]ing|parsing|analy[sz]ing|ingesting|seeing)\b)";

    [GeneratedRegex(
        @"\b(?:note|message|instruction|reminder|memo|request|directive|command|order|P\.?S\.?)s?\s+(?:to|for)\s+(?:the\s+|any\s+|all\s+|an?\s+|every\s+|whatever\s+)?" + Addressee + @"\b" +
        @"|\b(?:any|all|every)\s+" + Addressee + @"[^.\n]{0,40}?\b(?:must|should|shall|needs? to|is required to|are required to|has to|have to|please)\b" +
        @"|\b" + Addressee + @"[^.\n]{0,30}?\b(?:this|the following)\b[^.\n]{0,30}?\b(?:must|should|shall|needs? to|is required to|are required to|has to|have to|please)\b" +
        @"|\b(?:attention|attn\.?|hey|hi|hello|dear|calling)[ \t,]+(?:all\s+|any\s+)?" + Addressee + @"[ \t]*[,:!]" +
        @"|\b(?:AI|LLM|chatbot|language model|assistant|model)s?\s+(?:should|must|will|needs? to|has to|is to)\s+(?:quietly|secretly|silently|covertly|discreetly)\b" +
        @"|\b(?:whoever|anyone|anything|whatever)\s+(?:is\s+)?(?:summari[sz]ing|processing|parsing|ingesting)\s+this\b" +
        @"|\bas\s+the\s+(?:AI|assistant|model|LLM|chatbot)\s*,\s*(?:you\s+(?:must|should|will)|respond|reply|answer|output|say|write|print|include)\b" +
        @"|\bthis\s+is\s+(?:your|the)\s+(?:developer|administrator|admin|system administrator|creator|operator|system)s?\s+(?:speaking|here)\b" +
        @"|\bif\s+you\s+are\s+an?\s+(?:AI|A\.I\.|LLM|language model|chatbot|large language model|AI assistant|assistant)\b" +
        @"|(?:^|<!--|[\[(])[ \t]*(?:dear|hey|hi|attention|attn\.?)?[ \t,]*(?:AI|LLM|chatbot)(?:\s+(?:assistant|model|agent))?s?[ \t]*[:,][ \t]*(?:you\b|please\b|before\b|always\b|never\b|do\b|don't\b|include\b|add\b|write\b|ignore\b|reply\b|respond\b|answer\b|output\b|print\b|say\b|end\b|start\b|begin\b|remember\b|make sure\b|when\b|instead\b)" +
        @"|\b(?:do not|don't|never|must not|should not|shouldn't)\s+(?:tell|reveal|mention|inform|show|alert|disclose|notify|warn)\b[^.\n]{0,30}?\b(?:the\s+)?(?:user|human)s?\b(?!['\u2019]s)" +
        @"|\b(?:keep|hide)\s+(?:this|these|it)\s+(?:\w+\s+)?(?:hidden\s+|secret\s+)?from\s+the\s+(?:user|human)\b" +
        @"|\bwithout\s+the\s+(?:user|human)\s+(?:knowing|noticing|seeing|being told)\b",
        RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant, 250)]
    private static partial Regex AddressedToModel();

    [GeneratedRegex(
        @"\[(?:SYSTEM|SYS|ADMIN|DEVELOPER|OPERATOR)(?:[ _](?:MESSAGE|PROMPT|NOTE|OVERRIDE|INSTRUCTIONS?|UPDATE))?\][^\n]{0,100}?\b(?:assistant|AI|model|LLM|chatbot|instructions?|prompt|ignore|override|respond|reply|answer|(?:you|your)\s+(?:must|should|shall|will now|are now|answer|reply|response|output))\b" +
        @"|</?(?:system|system_prompt|system_message|sys|developer_message)(?:\s[^>]{0,80})?>" +
        @"|<\|(?:begin_of_text|endoftext|eom_id)\|>|<start_of_turn>|<end_of_turn>" +
        @"|^[ \t]*#{1,6}[ \t]*(?:system|system prompt|developer message|instruction|response)[ \t]*:" +
        @"|\b(?:system|admin(?:istrator)?|developer|safety)\s+override\b" +
        @"|(?-i:\bEND\s+OF\s+(?:THE\s+)?(?:DOCUMENT|CONTEXT|INPUT|USER INPUT|EMAIL|DATA|TEXT|PAGE|CONTENT))\b[^\n]{0,60}?\b(?:now|assistant|AI|model|you|ignore|new task|instructions?)\b" +
        @"|\b(?:new|updated|revised)\s+system\s+(?:prompt|instructions?|message)\b" +
        @"|\bsystem\s+(?:prompt|instructions?)\s+(?:update|override|change)\b",
        RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant, 250)]
    private static partial Regex FakeRoleMarker();

    // HTML comments, Markdown link-reference comments ([//]: # (...)) and elements hidden by inline CSS.
    [GeneratedRegex(
        @"<!--(?<body>.{0,2000}?)-->" +
        @"|^[ \t]*\[(?://|comment|_)\]:[ \t]*(?:#|<>)[ \t]*[(""'](?<body>[^\n]{0,1000})$" +
        @"|<(?<tag>[a-z][a-z0-9]*)\b[^>]{0,200}?style\s*=\s*[""'][^""']{0,200}?(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?![.\d]*[1-9])|opacity\s*:\s*0(?![.\d]*[1-9])|color\s*:\s*(?:#fff(?:fff)?|white)\b|(?:left|top|text-indent|margin-left)\s*:\s*-\d{3,}|(?:height|width|max-height)\s*:\s*0(?![.\d]*[1-9])[^""']{0,40}overflow\s*:\s*hidden)[^""']{0,200}[""'][^>]{0,200}>(?<body>.{0,2000}?)</\k<tag>>",
        RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.Singleline | RegexOptions.CultureInvariant, 250)]
    private static partial Regex Concealed();

    // Inside a comment or hidden element: something addressed to a model, or a directive about the answer.
    [GeneratedRegex(
        @"\b(?:AI|A\.I\.|LLM|GPT|chatbot|language model|assistant|model)s?\b[^.\n]{0,80}?\b(?:must|should|always|never|do not|don't|please|before|instead|write|include|add|reply|respond|answer|say|output|print|end|begin|start|mention|recommend|tell|ignore|follow|summari[sz]e)\b" +
        @"|\b(?:must|should|always|never|do not|don't|please|before|instead|write|include|add|reply|respond|answer|say|output|print|end|begin|start|mention|recommend|tell|ignore|follow)\b[^.\n]{0,80}?\b(?:AI|LLM|GPT|chatbot|language model|assistant)s?\b" +
        @"|\byour\s+(?:answer|reply|response|output|summary)\b|\b(?:reply|respond|answer)\s+(?:only\s+)?with\b|\byou\s+(?:must|should|are required to)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 250)]
    private static partial Regex ConcealedDirective();
}
