/* test_content.c - main-content detection on small hand-made pages, one
 * signal at a time: prose against links, Chinese punctuation, class/id
 * words, labels a block opens with, position, the title and the headline
 * said again; furniture inside the article; pages taken whole; facts dropped
 * or kept (--all-text) with their region. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/export.h"
#include "facts/facts.h"
#include "pipeline/pipeline.h" /* struct ss_options, set field by field */
#include "helpers.h"

/* Prose of about 60 characters with sentence punctuation. */
#define PROSE1 "国家统计局今天公布的数据显示，五月份全国居民消费价格同比上涨1.8%，涨幅与上月相同。"
#define PROSE2 "其中，城市上涨1.8%，农村上涨1.7%；食品价格下降1.2%，非食品价格上涨2.3%。"
#define PROSE3 "分析人士认为，今年物价总体保持稳定，下半年仍有小幅回落的可能。"
/* A list of links to other articles. */
#define LINKS                                                                                  \
	"<a href=\"/1\">沪指涨1.5%创新高</a> <a href=\"/2\">深成指跌2%</a> "                  \
	"<a href=\"/3\">创业板涨3%</a> <a href=\"/4\">港股跌0.5%</a> "                         \
	"<a href=\"/5\">美股三大指数涨超1%</a> <a href=\"/6\">欧股普跌4%</a>"

typedef struct {
	ss_text t;
	ss_regions r;
	const char *src;
} page;

static void read_page(page *p, const char *src, uint32_t base)
{
	ss_text_init(&p->t);
	memset(&p->r, 0, sizeof p->r);
	p->src = src;
	ss_meta m;
	memset(&m, 0, sizeof m);
	m.regions = &p->r;
	ss_html_to_text(src, strlen(src), base, &p->t, &m);
	m.regions = NULL;
	ss_meta_release(&m);
	/* The text and its map are the page's, whatever the regions. */
	size_t bad;
	assert_true(ss_text_check(&p->t, src - base, strlen(src) + base, &bad));
}

static void page_release(page *p)
{
	ss_text_release(&p->t);
	ss_regions_release(&p->r);
}

/* The region of the first occurrence of needle in the page's text. */
static ss_region region_of(const page *p, const char *needle)
{
	const char *s = strstr(p->t.ptr ? p->t.ptr : "", needle);
	assert_non_null(s);
	return ss_regions_at(&p->r, (size_t)(s - p->t.ptr));
}

/* The region of the text right after the first occurrence of before. */
static ss_region region_after(const page *p, const char *before)
{
	const char *s = strstr(p->t.ptr ? p->t.ptr : "", before);
	assert_non_null(s);
	return ss_regions_at(&p->r, (size_t)(s - p->t.ptr) + strlen(before));
}

static void test_hints_parse(void **state)
{
	assert_int_equal(ss_content_hints_check(), 0);
}

/* Class and id words (rules/content.hints): a word that is a class or part
 * word weighs its own; else the first part word, in sorted order, inside
 * it; a tag's weight is its own entry. Sums are over the words. */
static void test_attr_words(void **state)
{
	assert_int_equal(ss_content_attr_weight("mainContent"), 15 + 20);
	assert_int_equal(ss_content_attr_weight("main-content x_y"), 15 + 20);
	assert_int_equal(ss_content_attr_weight("articlecomments"), 25); /* article before comment */
	assert_int_equal(ss_content_attr_weight("commentsbox"), -30);
	assert_int_equal(ss_content_attr_weight("topnav"), -30);
	assert_int_equal(ss_content_attr_weight("top nav"), -10 - 30);
	assert_int_equal(ss_content_attr_weight("p"), 0); /* only a tag word */
	assert_int_equal(ss_content_attr_weight("articlearticlearticlearticlearticle"), 0);
	/* of two part words in one word the first in sorted order counts,
	 * wherever each stands */
	assert_int_equal(ss_content_attr_weight("commentarticle"), 25);
	assert_int_equal(ss_content_attr_weight("sharecontent"), 20);
	assert_int_equal(ss_content_attr_weight("zhengwenneirong"), 15);
	assert_int_equal(ss_content_attr_weight("xarticle ARTICLEbox"), 25 + 25);
	assert_int_equal(ss_content_attr_weight("my-Content9x"), 20);
	assert_int_equal(ss_content_attr_weight("navcontentx"), 20);
	assert_int_equal(ss_content_attr_weight("xyzq"), 0);
	assert_int_equal(ss_content_tag_weight("p"), 5);
	assert_int_equal(ss_content_tag_weight("main"), 20);
	assert_int_equal(ss_content_tag_weight("nav"), -30);
	assert_int_equal(ss_content_tag_weight("content"), 0); /* a part word, no tag entry */
}

/* A label counts at the start of a block's text, after white space and an
 * opening bracket, never inside it; a label written with its colon needs
 * the colon. */
static void test_label_weight(void **state)
{
	const char *s = "\u3000\u3000【相关阅读】沪指涨1.5%";
	assert_true(ss_content_label_weight(s, strlen(s)) <= -25);
	s = "（简介：公司去年净利润增长20%）";
	assert_true(ss_content_label_weight(s, strlen(s)) <= -25);
	s = "公司简介：去年净利润增长20%";
	assert_int_equal(ss_content_label_weight(s, strlen(s)), 0);
	s = "简介显示，公司去年净利润增长20%";
	assert_int_equal(ss_content_label_weight(s, strlen(s)), 0);
	s = "相关"; /* the text ends inside the label */
	assert_int_equal(ss_content_label_weight(s, strlen(s)), 0);
	assert_int_equal(ss_content_label_weight("", 0), 0);
}

/* Labels: a summary set above the article (简介：) says its lead again and
 * a heading of other articles' headlines is not the article, though no
 * class word says so; a paragraph that only mentions such a word stays. */
static void test_labels(void **state)
{
	page p;
	read_page(&p, "<html><body><div><div>简介：五月份全国居民消费价格同比上涨1.8%，涨幅与上月相同。</div>"
	              "<div><p>" PROSE1 "</p><p>" PROSE2 "</p><p>公司简介显示，" PROSE3 "</p>"
	              "<p>【相关阅读】沪指涨1.5%创新高，深成指跌2%</p>"
	              "<div class=\"txt\">想了解更多关于《沪指涨3%》的报道，请下载APP阅读。</div>"
	              "</div></div></body></html>",
	          0);
	assert_true(p.r.detected);
	assert_int_equal(region_of(&p, "简介："), SS_REGION_OUTSIDE);
	assert_int_equal(region_of(&p, "国家统计局"), SS_REGION_ARTICLE);
	assert_int_equal(region_of(&p, "公司简介显示"), SS_REGION_ARTICLE);
	assert_int_equal(region_of(&p, "沪指涨1.5%"), SS_REGION_OUTSIDE);
	/* the label outweighs an article word of the block's class */
	assert_int_equal(region_of(&p, "沪指涨3%"), SS_REGION_OUTSIDE);
	page_release(&p);
}

/* Boilerplate phrases anywhere in a short block: an editor line, a
 * reading-time line and the teaser of the next article are left out of the
 * article; a long paragraph with the same words, or a container whose own
 * first text is such a line, is not. */
static void test_boilerplate_phrases(void **state)
{
	const char *s = "（责任编辑：张三）";
	assert_true(ss_content_phrase_weight(s, strlen(s)) < 0);
	s = "上一篇：沪指涨1.5%创新高";
	assert_true(ss_content_phrase_weight(s, strlen(s)) < 0);
	s = "五月份全国居民消费价格同比上涨1.8%";
	assert_int_equal(ss_content_phrase_weight(s, strlen(s)), 0);
	/* after characters of one, two and four bytes */
	s = "ab é\xF0\x9F\x98\x80 责任编辑：王五";
	assert_true(ss_content_phrase_weight(s, strlen(s)) < 0);
	s = "责任编"; /* the text ends inside the phrase */
	assert_int_equal(ss_content_phrase_weight(s, strlen(s)), 0);
	page p;
	read_page(&p, "<html><body><div><p>本文4831个字，大概8分钟读完。</p><p>" PROSE1 "</p><p>" PROSE2
	              "</p><p>" PROSE3 PROSE1 PROSE2 "下一篇将说明，数据显示增长3%。</p>"
	              "<p>（责任编辑：张三）</p><p>上一篇：沪指涨1.5%创新高</p>"
	              "<p>免责声明：本文仅代表作者观点，不构成投资建议，涨幅数据仅供参考。</p>"
	              "<div>责任编辑：李四<p>另据统计，六月份工业增加值同比增长6%，比上月加快0.2个百分点。</p>"
	              "</div></div></body></html>",
	          0);
	assert_true(p.r.detected);
	assert_int_equal(region_of(&p, "国家统计局"), SS_REGION_ARTICLE);
	assert_int_equal(region_of(&p, "本文4831个字"), SS_REGION_OUTSIDE);
	assert_int_equal(region_of(&p, "（责任编辑：张三）"), SS_REGION_OUTSIDE);
	assert_int_equal(region_of(&p, "沪指涨1.5%"), SS_REGION_OUTSIDE);
	assert_int_equal(region_of(&p, "免责声明"), SS_REGION_OUTSIDE);
	/* the same words in a paragraph longer than a line */
	assert_int_equal(region_of(&p, "增长3%"), SS_REGION_ARTICLE);
	/* a container that opens with an editor line holds the article too */
	assert_int_equal(region_of(&p, "工业增加值"), SS_REGION_ARTICLE);
	page_release(&p);
	/* An article of a few lines whose editor line is its only prose
	 * besides one paragraph of links is still found: the phrase leaves
	 * the line out, it does not steer the choice. */
	read_page(&p, "<html><body><div>" LINKS LINKS "</div><div><p>" PROSE1 "</p>"
	              "<div>（责任编辑：张三）</div></div></body></html>",
	          0);
	assert_true(p.r.detected);
	assert_int_equal(region_of(&p, "国家统计局"), SS_REGION_ARTICLE);
	assert_int_equal(region_of(&p, "责任编辑"), SS_REGION_OUTSIDE);
	page_release(&p);
}

/* Captions: the text right after an image that says again what its alt
 * says is left out of the article, in a paragraph of its own or in the
 * text the article's element holds around a table (a picture of a quote
 * with the quote under it); the text before the image stays, and so does a
 * run that goes on well past the alt's words, or one after a short alt. */
static void test_captions(void **state)
{
#define ALT "沪深两市成交额合计8000亿元，较上周放大20%"
#define LONGRUN "图为陆家嘴金融区夜景全貌。据统计，区内持牌金融机构已超过900家，" \
	"比五年前增加300家，从业人员约30万人，占全市金融从业人员的一半。"
	page p;
	read_page(&p, "<html><body><div><p>" PROSE1 "</p><p><img alt=\"" ALT "\" src=\"a.jpg\"></p>"
	              "<p>\u3000\u3000" ALT "</p><p>" PROSE2 "</p>"
	              "<p>另据统计，两市融资余额增加50亿元。<img alt=\"" ALT "\" src=\"b.jpg\">" ALT "</p>"
	              "<p><img alt=\"图为陆家嘴金融区夜景全貌\" src=\"c.jpg\">" LONGRUN "</p>"
	              "<p><img alt=\"图片\" src=\"d.jpg\">图片：港股成交额增加15%</p>"
	              "</div></body></html>",
	          0);
	assert_true(p.r.detected);
	assert_int_equal(region_of(&p, "国家统计局"), SS_REGION_ARTICLE);
	assert_int_equal(region_of(&p, "沪深两市"), SS_REGION_OUTSIDE);
	assert_int_equal(region_of(&p, "农村上涨1.7%"), SS_REGION_ARTICLE);
	/* the text before the image; the caption after it in the same paragraph */
	assert_int_equal(region_of(&p, "增加50亿元"), SS_REGION_ARTICLE);
	assert_int_equal(region_after(&p, "增加50亿元。"), SS_REGION_OUTSIDE);
	assert_int_equal(region_of(&p, "900家"), SS_REGION_ARTICLE);
	assert_int_equal(region_of(&p, "港股成交额"), SS_REGION_ARTICLE);
	page_release(&p);
	/* The page's own text around a table that holds the image. */
	read_page(&p, "<html><body><div class=\"article\">\u3000\u3000" PROSE1
	              "<P><TABLE><TR><TD><DIV><IMG alt=" ALT " src=\"a.jpg\"></DIV></TD></TR></TABLE>"
	              "\u3000\u3000<STRONG>" ALT "</STRONG></P><P>" PROSE2 "</P><P>" PROSE3 "</P>"
	              "</div></body></html>",
	          0);
	assert_true(p.r.detected);
	assert_int_equal(region_of(&p, "国家统计局"), SS_REGION_ARTICLE);
	assert_int_equal(region_of(&p, "沪深两市"), SS_REGION_OUTSIDE);
	assert_int_equal(region_of(&p, "农村上涨1.7%"), SS_REGION_ARTICLE);
	page_release(&p);
#undef ALT
#undef LONGRUN
}

/* Density: the block of prose is the article, the list of links is not,
 * though both hold figures. */
static void test_links_against_prose(void **state)
{
	page p;
	read_page(&p, "<html><body><div>" LINKS "</div><div><p>" PROSE1 "</p><p>" PROSE2
	              "</p></div></body></html>",
	          0);
	assert_true(p.r.detected);
	assert_int_equal(region_of(&p, "五月份全国"), SS_REGION_ARTICLE);
	assert_int_equal(region_of(&p, "农村上涨1.7%"), SS_REGION_ARTICLE);
	assert_int_equal(region_of(&p, "深成指跌2%"), SS_REGION_OUTSIDE);
	assert_int_equal(region_of(&p, "欧股普跌4%"), SS_REGION_OUTSIDE);
	page_release(&p);
}

/* Punctuation: a ticker of the same length without links, but without
 * sentence punctuation either, is not prose. */
static void test_punctuation(void **state)
{
	page p;
	read_page(&p, "<html><body><div>上证指数 3100.25 上涨1.20% 深证成指 10200.30 下跌0.85% "
	              "创业板指 1800.10 上涨2.15% 恒生指数 28000.50 下跌0.40%</div><div>" PROSE1
	              "</div></body></html>",
	          0);
	assert_int_equal(region_of(&p, "上涨1.8%"), SS_REGION_ARTICLE);
	assert_int_equal(region_of(&p, "上涨1.20%"), SS_REGION_OUTSIDE);
	page_release(&p);
}

/* Class and id words: prose under a furniture word is not the article even
 * when it is longer; one article word outweighs a little more text. */
static void test_class_and_id_words(void **state)
{
	page p;
	read_page(&p, "<html><body><div class=\"comment-list\"><p>" PROSE1 "</p><p>" PROSE2
	              "</p></div><div><p>" PROSE3 "</p></div></body></html>",
	          0);
	assert_int_equal(region_of(&p, "分析人士"), SS_REGION_ARTICLE);
	assert_int_equal(region_of(&p, "五月份全国"), SS_REGION_OUTSIDE);
	page_release(&p);

	/* camelCase and words inside words: "topNavBar" is navigation,
	 * "articleContent" the article. */
	read_page(&p, "<html><body><div id=\"topNavBar\"><p>" PROSE1 "</p><p>" PROSE2
	              "</p></div><div class=\"articleContent\"><p>" PROSE3 "</p></div></body></html>",
	          0);
	assert_int_equal(region_of(&p, "分析人士"), SS_REGION_ARTICLE);
	assert_int_equal(region_of(&p, "农村上涨1.7%"), SS_REGION_OUTSIDE);
	page_release(&p);

	/* Two blocks of prose apart: the longer one is the article, unless the
	 * page calls the other one its text. */
	const char *plain = "<html><body><div><p>" PROSE1 "</p></div><div>" LINKS LINKS LINKS
	                    "</div><div><p>" PROSE1 "此外，" "</p></div></body></html>";
	const char *named = "<html><body><div class=\"main-text\"><p>" PROSE1 "</p></div><div>" LINKS
	                    LINKS LINKS "</div><div><p>" PROSE1 "此外，" "</p></div></body></html>";
	read_page(&p, plain, 0);
	assert_int_equal(region_of(&p, "此外"), SS_REGION_ARTICLE);
	assert_int_equal(region_of(&p, "五月份"), SS_REGION_OUTSIDE);
	page_release(&p);
	read_page(&p, named, 0);
	assert_int_equal(region_of(&p, "此外"), SS_REGION_OUTSIDE);
	assert_int_equal(region_of(&p, "五月份"), SS_REGION_ARTICLE);
	page_release(&p);
}

/* Position: prose at the very end of the page (a disclaimer) weighs less
 * than the same amount in the middle. */
static void test_position(void **state)
{
	page p;
#define LINKS4 LINKS LINKS LINKS LINKS
	/* A notice without a boilerplate phrase: only its position tells. */
	const char *tail = "声明：本网站所载文章仅供参考，投资者据此操作，风险由投资者自行承担；"
	                   "引用请写明出处，违者必究。";
	char src[8192];
	snprintf(src, sizeof src, "<html><body><div>%s</div><div>%s</div><div>%s</div><div>%s</div>"
	         "</body></html>", LINKS4 LINKS4 LINKS4, PROSE1, LINKS4, tail);
	read_page(&p, src, 0);
	assert_int_equal(region_of(&p, "五月份"), SS_REGION_ARTICLE);
	assert_int_equal(region_of(&p, "声明："), SS_REGION_OUTSIDE);
	page_release(&p);
	/* The same two blocks earlier on the page: the longer one wins. */
	snprintf(src, sizeof src, "<html><body><div>%s</div><div>%s</div><div>%s</div><div>%s</div>"
	         "<div>%s</div></body></html>", LINKS4, PROSE1, LINKS4, tail, LINKS4 LINKS4);
	read_page(&p, src, 0);
	assert_int_equal(region_of(&p, "五月份"), SS_REGION_OUTSIDE);
	assert_int_equal(region_of(&p, "声明："), SS_REGION_ARTICLE);
	page_release(&p);
}

/* The title: the headline before the article; the page's <title> only
 * when there is none. */
static void test_title(void **state)
{
	page p;
	read_page(&p, "<html><head><title>五月CPI同比涨1.8%-财经网</title></head><body><div>" LINKS
	              "</div><h1>五月CPI同比涨1.8%</h1><div><p>" PROSE1 "</p><p>" PROSE2
	              "</p></div></body></html>",
	          0);
	assert_int_equal(region_of(&p, "五月CPI同比涨1.8%\n"), SS_REGION_TITLE);
	assert_int_equal(region_of(&p, "五月CPI同比涨1.8%-财经网"), SS_REGION_OUTSIDE);
	assert_int_equal(region_of(&p, "五月份"), SS_REGION_ARTICLE);
	page_release(&p);

	read_page(&p, "<html><head><title>五月CPI同比涨1.8%</title></head><body><div>" LINKS
	              "</div><div><p>" PROSE1 "</p><p>" PROSE2 "</p></div></body></html>",
	          0);
	assert_int_equal(region_of(&p, "五月CPI"), SS_REGION_TITLE);
	page_release(&p);
}

/* Inside the article, a share bar, a list of links and a video's caption
 * are still dropped. */
static void test_furniture_inside_article(void **state)
{
	page p;
	read_page(&p, "<html><body><div>" LINKS "</div><div><p>" PROSE1 "</p><p>" PROSE2
	              "</p><div class=\"share\">分享到：微博，微信，已有35人分享。</div><ul>"
	              "<li><a href=\"/r1\">相关：某公司净利增长10%</a></li>"
	              "<li><a href=\"/r2\">相关：某银行不良率降至1.5%</a></li></ul><p>" PROSE3
	              "</p></div></body></html>",
	          0);
	assert_int_equal(region_of(&p, "五月份"), SS_REGION_ARTICLE);
	assert_int_equal(region_of(&p, "分析人士"), SS_REGION_ARTICLE);
	assert_int_equal(region_of(&p, "35人"), SS_REGION_OUTSIDE);
	assert_int_equal(region_of(&p, "增长10%"), SS_REGION_OUTSIDE);
	page_release(&p);

	/* A video player's caption, a teaser of the video, is not the text. */
	read_page(&p, "<html><body><div>" LINKS "</div><div><div class=\"m-video\"><i>视频：茅台高开近7%，"
	              "市值达到7600亿元，再创历史新高。</i></div><p>" PROSE1 "</p><p>" PROSE2
	              "</p></div></body></html>",
	          0);
	assert_int_equal(region_of(&p, "五月份"), SS_REGION_ARTICLE);
	assert_int_equal(region_of(&p, "近7%"), SS_REGION_OUTSIDE);
	page_release(&p);
}

/* The article's element also holds a long list of links: the lead
 * paragraph wins alone, and its sibling paragraphs join it. */
static void test_sibling_paragraphs(void **state)
{
	page p;
	read_page(&p, "<html><body><div>" LINKS "</div><div><p>" PROSE1 PROSE2 PROSE3 "</p><div>" LINKS
	              LINKS LINKS "</div><p>分析师表示，该数据好于预期的3%。</p></div></body></html>",
	          0);
	assert_int_equal(region_of(&p, "五月份"), SS_REGION_ARTICLE);
	assert_int_equal(region_of(&p, "预期的3%"), SS_REGION_ARTICLE);
	assert_int_equal(region_of(&p, "深成指跌2%"), SS_REGION_OUTSIDE);
	page_release(&p);
}

/* The headline said again inside the article (a reprint's original
 * headline, an opening line) gives no fact of its own and is dropped; a
 * block that says a little more near a figure (7.63万元 against the
 * title's 7.63万), or a paragraph that repeats another paragraph, stays. */
static void test_headline_repeated(void **state)
{
	page p;
	read_page(&p, "<html><body><div>" LINKS "</div><h1>五月CPI同比涨1.8% 物价保持稳定</h1><div>"
	              "<p>（原标题：五月CPI同比涨1.8%  物价保持稳定）</p><p>" PROSE1 "</p><p>" PROSE2
	              "</p></div></body></html>",
	          0);
	assert_int_equal(region_of(&p, "五月CPI同比涨1.8% 物价"), SS_REGION_TITLE);
	assert_int_equal(region_of(&p, "（原标题"), SS_REGION_OUTSIDE);
	assert_int_equal(region_of(&p, "五月份"), SS_REGION_ARTICLE);
	page_release(&p);

	/* The label before the headline's first figure ("原标题：5月") is not
	 * a word left out next to it. */
	read_page(&p, "<html><body><div>" LINKS "</div><h1>5月CPI同比涨1.8% 物价保持稳定</h1><div>"
	              "<p>原标题：5月CPI同比涨1.8% 物价保持稳定</p><p>" PROSE1 "</p><p>" PROSE2
	              "</p></div></body></html>",
	          0);
	assert_int_equal(region_of(&p, "5月CPI同比涨1.8% 物价"), SS_REGION_TITLE);
	assert_int_equal(region_of(&p, "原标题"), SS_REGION_OUTSIDE);
	assert_int_equal(region_of(&p, "五月份"), SS_REGION_ARTICLE);
	page_release(&p);
	/* Words before the figure that are not a label still count. */
	read_page(&p, "<html><body><div>" LINKS "</div><h1>5月CPI同比涨1.8% 物价保持稳定</h1><div>"
	              "<p>前年5月CPI同比涨1.8% 物价保持稳定</p><p>" PROSE1 "</p><p>" PROSE2
	              "</p></div></body></html>",
	          0);
	assert_int_equal(region_of(&p, "前年5月"), SS_REGION_ARTICLE);
	page_release(&p);

	read_page(&p, "<html><body><div>" LINKS "</div><h1>个人房贷平均每笔节约7.63万</h1><div>"
	              "<p>个人房贷平均每笔节约7.63万元</p><p>" PROSE1 "</p><p>" PROSE2 PROSE3 "</p><p>"
	              PROSE2 PROSE3 "</p></div></body></html>",
	          0);
	assert_int_equal(region_of(&p, "7.63万元"), SS_REGION_ARTICLE);
	const char *first = strstr(p.t.ptr, "农村上涨1.7%"), *second = strstr(first + 1, "农村上涨1.7%");
	assert_non_null(second);
	assert_int_equal(ss_regions_at(&p.r, (size_t)(first - p.t.ptr)), SS_REGION_ARTICLE);
	assert_int_equal(ss_regions_at(&p.r, (size_t)(second - p.t.ptr)), SS_REGION_ARTICLE);
	page_release(&p);
}

/* An h1 at the top of the article, below a share box and before the first
 * paragraph, is the headline, rather than the box's heading just before the
 * article. */
static void test_headline_inside(void **state)
{
	page p;
#define BAR "<div>打印 字号 大 中 小 收藏 纠错 推荐 来源 第一财经 作者 记者 2018-06-13 08:21</div>"
	read_page(&p, "<html><body><div>" LINKS "</div><div><h2>分享到微信</h2></div><div>" BAR BAR BAR
	              BAR "<h1>五月CPI同比涨1.8%</h1><p>" PROSE1
	              "</p><p>" PROSE2 "</p><p>" PROSE3 "</p></div></body></html>",
	          0);
	assert_int_equal(region_of(&p, "五月CPI"), SS_REGION_TITLE);
	assert_int_equal(region_of(&p, "分享到微信"), SS_REGION_OUTSIDE);
	assert_int_equal(region_of(&p, "五月份"), SS_REGION_ARTICLE);
	page_release(&p);
}

/* A fragment (no <html> or <body> written) and a page after front matter
 * (a post) are taken whole. */
static void test_taken_whole(void **state)
{
	page p;
	read_page(&p, "<div>" LINKS "</div><p>" PROSE1 "</p>", 0);
	assert_false(p.r.detected);
	assert_int_equal(region_of(&p, "深成指跌2%"), SS_REGION_NONE);
	page_release(&p);

	read_page(&p, "<html><body><div>" LINKS "</div><p>" PROSE1 "</p></body></html>", 40);
	assert_false(p.r.detected);
	page_release(&p);

	/* No prose at all: nothing to call an article, the page stays whole. */
	read_page(&p, "<html><body><div>" LINKS "</div></body></html>", 0);
	assert_false(p.r.detected);
	page_release(&p);
}

/* Asking for the regions changes nothing in the text. */
static void test_text_unchanged(void **state)
{
	const char *src = "<html><body><div>" LINKS "</div><div><p>" PROSE1 "</p></div></body></html>";
	page p;
	read_page(&p, src, 0);
	ss_text t;
	ss_text_init(&t);
	ss_meta m;
	memset(&m, 0, sizeof m);
	ss_html_to_text(src, strlen(src), 0, &t, &m);
	assert_int_equal(t.len, p.t.len);
	assert_memory_equal(t.ptr, p.t.ptr, t.len);
	for (size_t i = 0; i < t.len; i++) {
		uint32_t a, b, c, d;
		ss_text_unit(&t, i, &a, &b);
		ss_text_unit(&p.t, i, &c, &d);
		assert_true(a == c && b == d);
	}
	assert_exact_span(&p.t, src, "上涨1.8%");
	ss_text_release(&t);
	ss_meta_release(&m);
	page_release(&p);
}

static void test_regions_apply(void **state)
{
	ss_region_span spans[] = {{0, 10, SS_REGION_OUTSIDE},
	                          {10, 20, SS_REGION_TITLE},
	                          {20, 40, SS_REGION_ARTICLE},
	                          {40, 50, SS_REGION_OUTSIDE}};
	ss_regions r = {spans, 4, true};
	ss_fact f[4];
	memset(f, 0, sizeof f);
	size_t at[4] = {5, 12, 25, 45};
	for (int i = 0; i < 4; i++)
		f[i].text.start = at[i], f[i].text.end = at[i] + 2, f[i].start = (size_t)i;
	assert_int_equal(ss_regions_apply(&r, f, 4, false), 2);
	assert_int_equal(f[0].region, SS_REGION_TITLE);
	assert_int_equal(f[0].start, 1);
	assert_int_equal(f[1].region, SS_REGION_ARTICLE);
	assert_int_equal(f[1].start, 2);

	for (int i = 0; i < 4; i++)
		f[i].text.start = at[i], f[i].start = (size_t)i;
	assert_int_equal(ss_regions_apply(&r, f, 4, true), 4);
	assert_int_equal(f[0].region, SS_REGION_OUTSIDE);
	assert_int_equal(f[3].region, SS_REGION_OUTSIDE);

	r.detected = false;
	assert_int_equal(ss_regions_apply(&r, f, 4, false), 4);
	assert_int_equal(f[0].region, SS_REGION_NONE);
	assert_string_equal(ss_region_name(SS_REGION_ARTICLE), "article");
	assert_string_equal(ss_region_name(SS_REGION_NONE), "");
}

/* The crop keeps the title and the article, parts them where furniture was
 * cut out, and keeps the map into the page's text. */
static void test_regions_crop(void **state)
{
	(void)state;
	const char *base = "0123456789ABCDEFGHIJ";
	ss_text t, out;
	ss_text_init(&t);
	ss_text_init(&out);
	ss_text_add_copy(&t, base, 0, 20);
	ss_region_span spans[] = {{0, 5, SS_REGION_OUTSIDE},
	                          {5, 10, SS_REGION_TITLE},
	                          {10, 15, SS_REGION_ARTICLE},
	                          {15, 18, SS_REGION_OUTSIDE},
	                          {18, 20, SS_REGION_ARTICLE}};
	ss_regions r = {spans, 5, true};
	ss_regions_crop(&r, &t, &out);
	assert_string_equal(out.ptr, "56789ABCDE\n\nIJ"); /* title and article run on */
	assert_true(ss_text_check(&out, base, 20, NULL));
	uint32_t bs, be;
	ss_text_map(&out, 10, 12, &bs, &be); /* the break stands where IJ begins */
	assert_int_equal(bs, 18);
	assert_int_equal(be, 18);
	ss_text_map(&out, 12, 14, &bs, &be);
	assert_int_equal(bs, 18);
	assert_int_equal(be, 20);
	ss_text_release(&out);
	/* Nothing kept: an empty text, still a string. */
	ss_region_span none[] = {{0, 20, SS_REGION_OUTSIDE}};
	ss_regions_crop(&(ss_regions){none, 1, true}, &t, &out);
	assert_int_equal(out.len, 0);
	assert_non_null(out.ptr);
	ss_text_release(&out);
	ss_text_release(&t);
}

/* The furniture is cut away before the rules: a period in a link to another
 * story no longer reaches the article's figures, while the page's dateline,
 * outside the article too, still dates them. */
static void test_furniture_lends_nothing(void **state)
{
	(void)state;
	ss_ruleset *rs = ss_ruleset_new();
	ss_ruleset_add_defaults(rs);
	ss_ruleset_compile(rs);
	const char *src =
	    "<html><body><div class=\"nav\"><a href=\"/1\">5月份全国居民消费价格同比上涨1.8%</a> "
	    "<a href=\"/2\">深成指跌2%</a> <a href=\"/3\">创业板涨3%</a></div>"
	    "<div class=\"info\">2018-06-05 10:20 来源：本网</div><div class=\"article\"><p>"
	    "分析人士指出，这家公司的营业收入增长12%，利润总额上涨8%，表现好于市场的预期。</p><p>"
	    "今日沪深两市成交额放大，沪指上涨1.2%，创业板指数表现强于大盘，两市共有三千只个股上涨。"
	    "</p></div></body></html>";
	ss_doc *doc = ss_doc_extract(rs, "a.html", src, strlen(src), NULL);
	size_t n = ss_doc_fact_count(doc), seen = 0;
	size_t tl;
	const char *t = ss_doc_text(doc, &tl);
	for (size_t i = 0; i < n; i++) {
		const ss_fact *f = ss_doc_fact(doc, i);
		assert_int_equal(f->region, SS_REGION_ARTICLE);
		ss_tspan fs = ss_fact_text(f), ps = ss_fact_period(f);
		if (fs.end - fs.start == 9 && !memcmp(t + fs.start, "增长12%", 9)) {
			assert_int_equal(ps.end, ps.start); /* not 5月份 */
			seen++;
		}
		if (fs.end - fs.start == 10 && !memcmp(t + fs.start, "上涨1.2%", 10)) {
			assert_memory_equal(t + ps.start, "今日", ps.end - ps.start);
			assert_string_equal(ss_fact_period_from(f), "2018-06-05");
			seen++;
		}
	}
	assert_int_equal(seen, 2);
	ss_doc_free(doc);
	ss_ruleset_free(rs);
}

/* Through the library: facts outside are dropped unless all_text, and the
 * spans of those kept are the figures' bytes in the page. */
static void test_doc_extract(void **state)
{
	ss_ruleset *rs = ss_ruleset_new();
	ss_ruleset_add_defaults(rs);
	ss_ruleset_compile(rs);
	const char *src = "<html><body><div>" LINKS "</div><div><p>" PROSE1 "</p><p>" PROSE2
	                  "</p></div></body></html>";
	ss_options o = {0};
	ss_doc *all = ss_doc_extract(rs, "a.html", src, strlen(src), &(ss_options){.all_text = 1});
	ss_doc *doc = ss_doc_extract(rs, "a.html", src, strlen(src), &o);
	size_t n = ss_doc_fact_count(doc), outside = 0;
	assert_true(n >= 5);
	for (size_t i = 0; i < ss_doc_fact_count(all); i++)
		outside += ss_doc_fact(all, i)->region == SS_REGION_OUTSIDE;
	assert_true(outside >= 6);
	assert_int_equal(ss_doc_fact_count(all), n + outside);
	for (size_t i = 0; i < n; i++) {
		const ss_fact *f = ss_doc_fact(doc, i);
		assert_int_equal(f->region, SS_REGION_ARTICLE);
		size_t tl;
		const char *t = ss_doc_text(doc, &tl);
		assert_int_equal(f->end - f->start, f->text.end - f->text.start);
		assert_memory_equal(src + f->start, t + f->text.start, f->end - f->start);
	}
	/* The region column, not among the standard ones. */
	const ss_column *col = ss_column_find("region", 6);
	assert_non_null(col);
	assert_int_equal(col->group, SS_COLS_EXTRA);
	ss_buf scratch = SS_BUF_INIT;
	ss_field fl = ss_column_get(col, all, 0, &scratch);
	assert_string_equal(fl.s, "outside");
	assert_false(fl.is_null);
	ss_doc_free(all);
	ss_doc_free(doc);
	/* Plain text has no regions. */
	doc = ss_doc_extract(rs, "a.txt", PROSE1, strlen(PROSE1), &o);
	assert_true(ss_doc_fact_count(doc) > 0);
	assert_int_equal(ss_doc_fact(doc, 0)->region, SS_REGION_NONE);
	assert_true(ss_column_get(col, doc, 0, &scratch).is_null);
	ss_buf_release(&scratch);
	ss_doc_free(doc);
	ss_ruleset_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hints_parse),
		cmocka_unit_test(test_attr_words),
		cmocka_unit_test(test_label_weight),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_boilerplate_phrases),
		cmocka_unit_test(test_captions),
		cmocka_unit_test(test_links_against_prose),
		cmocka_unit_test(test_punctuation),
		cmocka_unit_test(test_class_and_id_words),
		cmocka_unit_test(test_position),
		cmocka_unit_test(test_title),
		cmocka_unit_test(test_furniture_inside_article),
		cmocka_unit_test(test_sibling_paragraphs),
		cmocka_unit_test(test_headline_repeated),
		cmocka_unit_test(test_headline_inside),
		cmocka_unit_test(test_taken_whole),
		cmocka_unit_test(test_text_unchanged),
		cmocka_unit_test(test_regions_apply),
		cmocka_unit_test(test_regions_crop),
		cmocka_unit_test(test_furniture_lends_nothing),
		cmocka_unit_test(test_doc_extract),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
