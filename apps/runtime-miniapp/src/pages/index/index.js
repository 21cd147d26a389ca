Page({ data: { title: "开店" } });
