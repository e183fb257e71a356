package minsheng.channel.wechat;

/** One article of a news reply: a card linking to {@code url}. Null fields are sent empty. */
public record NewsArticle(String title, String description, String picUrl, String url) {
}
